import Foundation
import LotlineCore
import Synchronization

/// Compact wire JSON, written the way `WireJSON.encoder()` writes it (snake_case keys, sorted, slashes unescaped) in
/// about half the time: Foundation's encoder converted every key to snake_case again for every object it wrote and
/// checked every value against a dozen special types, which was a fifth of the server's time under load, most of it
/// in the traces. A test holds it to Foundation's output, byte for byte, over every kind of answer the API gives.
///
/// Values are encoded as `JSONEncoder` with the default strategies encodes them: a `Date` as its seconds since 2001, a
/// `Decimal` as a number, `Data` in Base64, a `URL` as its absolute string, a non-finite floating-point number refused.
public enum WireWriter {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let root = Slot()
        try WireEncoder(slot: root).encodeValue(value)
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        root.node.write(into: &output)
        return Data(output)
    }
}

/// One encoded value, before it is written: objects keep their members until they are sorted.
private enum WireNode {
    case literal([UInt8])
    case object(WireObject)
    case array(WireArray)
    case unset

    func write(into output: inout [UInt8]) {
        switch self {
        case .literal(let bytes): output.append(contentsOf: bytes)
        case .unset: output.append(contentsOf: Array("{}".utf8))
        case .array(let array):
            output.append(UInt8(ascii: "["))
            for (index, item) in array.items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.node.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            // Foundation's `.sortedKeys` order; a later member with the same key replaces an earlier one.
            let members = object.members.enumerated().sorted { left, right in
                left.element.0 == right.element.0 ? left.offset < right.offset : WireKeys.precedes(left.element.0, right.element.0)
            }
            var first = true
            for (index, (_, (key, slot))) in members.enumerated() where index + 1 == members.count || members[index + 1].element.0 != key {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                WireString.write(key, into: &output)
                output.append(UInt8(ascii: ":"))
                slot.node.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}

/// Where a value goes: a member of an object, an item of a list, or the whole document.
private final class Slot {
    var node = WireNode.unset
}

private final class WireObject {
    var members: [(String, Slot)] = []
}

private final class WireArray {
    var items: [Slot] = []
}

private struct WireEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(WireKeyedContainer<Key>(object: object(), convertsKeys: !WireKeys.isDictionaryKey(Key.self)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array) = slot.node { return WireUnkeyedContainer(array: array) }
        let array = WireArray()
        slot.node = .array(array)
        return WireUnkeyedContainer(array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { WireSingleValueContainer(slot: slot) }

    /// The object this encoder writes into: a second keyed container adds to the same one, as in Foundation.
    private func object() -> WireObject {
        if case .object(let object) = slot.node { return object }
        let object = WireObject()
        slot.node = .object(object)
        return object
    }

    func encodeValue<T: Encodable>(_ value: T) throws {
        if let literal = try WireScalar.literal(value) {
            slot.node = .literal(literal)
        } else {
            try value.encode(to: self)
        }
    }
}

private struct WireKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: WireObject
    let convertsKeys: Bool
    var codingPath: [any CodingKey] { [] }

    private func slot(_ key: Key) -> Slot {
        let slot = Slot()
        object.members.append((convertsKeys ? WireKeys.snakeCase(key.stringValue) : key.stringValue, slot))
        return slot
    }

    mutating func encodeNil(forKey key: Key) throws { slot(key).node = .literal(Array("null".utf8)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot(key).node = .literal(WireScalar.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { slot(key).node = .literal(WireString.literal(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot(key).node = .literal(Array(String(value).utf8)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { slot(key).node = .literal(Array(String(value).utf8)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { slot(key).node = .literal(try WireScalar.double(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try WireEncoder(slot: slot(key)).encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        WireEncoder(slot: slot(key)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { WireEncoder(slot: slot(key)).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { WireEncoder(slot: slot(Key(stringValue: "super")!)) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { WireEncoder(slot: slot(key)) }
}

private struct WireUnkeyedContainer: UnkeyedEncodingContainer {
    let array: WireArray
    var codingPath: [any CodingKey] { [] }
    var count: Int { array.items.count }

    private func slot() -> Slot {
        let slot = Slot()
        array.items.append(slot)
        return slot
    }

    mutating func encodeNil() throws { slot().node = .literal(Array("null".utf8)) }
    mutating func encode(_ value: Bool) throws { slot().node = .literal(WireScalar.bool(value)) }
    mutating func encode(_ value: String) throws { slot().node = .literal(WireString.literal(value)) }
    mutating func encode(_ value: Int) throws { slot().node = .literal(Array(String(value).utf8)) }
    mutating func encode(_ value: Int64) throws { slot().node = .literal(Array(String(value).utf8)) }
    mutating func encode(_ value: Double) throws { slot().node = .literal(try WireScalar.double(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try WireEncoder(slot: slot()).encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        WireEncoder(slot: slot()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { WireEncoder(slot: slot()).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { WireEncoder(slot: slot()) }
}

private struct WireSingleValueContainer: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { slot.node = .literal(Array("null".utf8)) }
    mutating func encode(_ value: Bool) throws { slot.node = .literal(WireScalar.bool(value)) }
    mutating func encode(_ value: String) throws { slot.node = .literal(WireString.literal(value)) }
    mutating func encode(_ value: Int) throws { slot.node = .literal(Array(String(value).utf8)) }
    mutating func encode(_ value: Int64) throws { slot.node = .literal(Array(String(value).utf8)) }
    mutating func encode(_ value: Double) throws { slot.node = .literal(try WireScalar.double(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try WireEncoder(slot: slot).encodeValue(value) }
}

/// The values Foundation writes as they are rather than through their own `encode(to:)`: every integer and
/// floating-point type, `Decimal`, `Data`, `URL`; nil for everything else.
private enum WireScalar {
    static func literal<T: Encodable>(_ value: T) throws -> [UInt8]? {
        // By the static type first: most values are strings or structs, and a type comparison costs less than a cast.
        if T.self == String.self { return WireString.literal(value as! String) }
        if T.self == Int.self { return Array(String(value as! Int).utf8) }
        if T.self == Bool.self { return bool(value as! Bool) }
        if T.self == Int64.self { return Array(String(value as! Int64).utf8) }
        if T.self == Double.self { return try double(value as! Double) }
        if T.self == Decimal.self { return Array((value as! Decimal).description.utf8) }
        if T.self == Float.self { return try double(Double(value as! Float), description: (value as! Float).description) }
        if T.self == Data.self { return WireString.literal((value as! Data).base64EncodedString()) }
        if T.self == URL.self { return WireString.literal((value as! URL).absoluteString) }
        if T.self is any FixedWidthInteger.Type, let integer = value as? any BinaryInteger { return Array(String(describing: integer).utf8) }
        return nil
    }

    static func bool(_ value: Bool) -> [UInt8] { Array((value ? "true" : "false").utf8) }

    /// As Foundation writes a floating-point number: its shortest description, without a trailing `.0`.
    static func double(_ value: Double, description: String? = nil) throws -> [UInt8] {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not a JSON number"))
        }
        var text = description ?? value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return Array(text.utf8)
    }
}

/// Strings as Foundation writes them without escaping slashes: quotes, backslashes and control characters escaped,
/// everything else as its UTF-8.
private enum WireString {
    static func literal(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 2)
        write(text, into: &output)
        return output
    }

    static func write(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(CanonicalJSON.hexDigits[Int(byte >> 4)])
                output.append(CanonicalJSON.hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// Keys as Foundation's `.convertToSnakeCase` and `.sortedKeys` make and order them, each name converted once.
enum WireKeys {
    private static let converted = Mutex<[String: String]>([:])
    private static let dictionaryKeyTypes = Mutex<[ObjectIdentifier: Bool]>([:])

    static func snakeCase(_ name: String) -> String {
        if let known = converted.withLock({ $0[name] }) { return known }
        let snake = foundationSnakeCase(name)
        converted.withLock { $0[name] = snake }
        return snake
    }

    /// Exactly what `convertToSnakeCase` makes of the name: Foundation's own conversion, asked once.
    private static func foundationSnakeCase(_ name: String) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(OneKey(name: name)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let key = object.keys.first
        else { return name }
        return key
    }

    /// The keys a `Dictionary` with `String` keys encodes with, which Foundation writes as they are: a dictionary's
    /// keys are its data (lot numbers, parameter names), not names of fields.
    static func isDictionaryKey<Key: CodingKey>(_ type: Key.Type) -> Bool {
        let id = ObjectIdentifier(type)
        if let known = dictionaryKeyTypes.withLock({ $0[id] }) { return known }
        let isDictionary = String(describing: type) == "_DictionaryCodingKey"
        dictionaryKeyTypes.withLock { $0[id] = isDictionary }
        return isDictionary
    }

    /// Foundation's `.sortedKeys` order.
    static func precedes(_ left: String, _ right: String) -> Bool { left.utf8.lexicographicallyPrecedes(right.utf8) }

    /// An object with one key of this name.
    private struct OneKey: Encodable {
        let name: String

        struct AnyKey: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(0, forKey: AnyKey(stringValue: name))
        }
    }
}
