import Foundation

/// Writes a value's JSON in Lotline's canonical form: object keys in UTF-8 byte order, no whitespace, strings escaped as
/// JSON requires (slashes left alone), nothing omitted that the value encodes. It does the one job `JSONEncoder`
/// with sorted keys does for ledger payloads at a fraction of the cost: every event appended is encoded once.
enum CanonicalEncoder {
    static func encode(_ value: some Encodable) throws -> String {
        let root = Slot()
        try value.encode(to: NodeEncoder(slot: root, codingPath: []))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        write(root.node, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A value being built: literal text (numbers, booleans, null), a string, an object or an array.
    enum Node {
        case literal(String)
        case string(String)
        case object(ObjectBox)
        case array(ArrayBox)
    }

    final class Slot {
        var node: Node

        init(_ node: Node = .literal("null")) { self.node = node }
    }

    final class ObjectBox {
        var entries: [(key: String, value: Slot)] = []
    }

    final class ArrayBox {
        var items: [Slot] = []
    }

    private static func write(_ node: Node, to bytes: inout [UInt8]) {
        switch node {
        case .literal(let text): bytes.append(contentsOf: text.utf8)
        case .string(let text): appendString(text, to: &bytes)
        case .array(let box):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in box.items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item.node, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let box):
            bytes.append(UInt8(ascii: "{"))
            let sorted = box.entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, entry) in sorted.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendString(entry.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                write(entry.value.node, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\b \f \n \r \t` or `\u00XX`, everything else as is.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        CanonicalJSON.appendQuoted(text, to: &bytes, shortBackspaceAndFormFeed: true)
    }

    /// Text for a floating-point number; JSON has no NaN or infinity.
    static func doubleText(_ value: Double, codingPath: [any CodingKey]) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) has no JSON form"))
        }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    struct NodeEncoder: Encoder {
        let slot: Slot
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let box: ObjectBox
            if case .object(let existing) = slot.node {
                box = existing
            } else {
                box = ObjectBox()
                slot.node = .object(box)
            }
            return KeyedEncodingContainer(Keyed<Key>(box: box, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let box: ArrayBox
            if case .array(let existing) = slot.node {
                box = existing
            } else {
                box = ArrayBox()
                slot.node = .array(box)
            }
            return Unkeyed(box: box, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(slot: slot, codingPath: codingPath)
        }
    }

    /// A nested value encodes itself into a new slot. Primitives never come here: every container takes them through
    /// its own overloads (the synthesized `Codable` calls those directly), so no value is cast at run time.
    static func node<T: Encodable>(for value: T, codingPath: [any CodingKey]) throws -> Slot {
        let slot = Slot()
        if T.self == Decimal.self, let decimal = value as? Decimal {
            slot.node = .literal(decimal.description)
        } else {
            try value.encode(to: NodeEncoder(slot: slot, codingPath: codingPath))
        }
        return slot
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: ObjectBox
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws {
            box.entries.append((key.stringValue, Slot()))
        }

        private func put(_ key: Key, _ node: Node) {
            box.entries.append((key.stringValue, Slot(node)))
        }

        mutating func encode(_ value: String, forKey key: Key) throws { put(key, .string(value)) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .literal(value ? "true" : "false")) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(key, .literal(try doubleText(value, codingPath: codingPath + [key]))) }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            put(key, .literal(try doubleText(Double(value), codingPath: codingPath + [key])))
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .literal(String(value))) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { put(key, .literal(String(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { put(key, .literal(String(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { put(key, .literal(String(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { put(key, .literal(String(value))) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { put(key, .literal(String(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { put(key, .literal(String(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { put(key, .literal(String(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { put(key, .literal(String(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { put(key, .literal(String(value))) }

        mutating func encode(_ value: some Encodable, forKey key: Key) throws {
            box.entries.append((key.stringValue, try CanonicalEncoder.node(for: value, codingPath: codingPath + [key])))
        }

        /// An encoder for a new value under `key`.
        private func child(_ key: Key) -> NodeEncoder {
            let slot = Slot()
            box.entries.append((key.stringValue, slot))
            return NodeEncoder(slot: slot, codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            child(key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { child(key).unkeyedContainer() }

        mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

        mutating func superEncoder(forKey key: Key) -> any Encoder { child(key) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: ArrayBox
        let codingPath: [any CodingKey]
        var count: Int { box.items.count }

        private var nextKey: IndexKey { IndexKey(intValue: box.items.count) }

        mutating func encodeNil() throws { box.items.append(Slot()) }

        private func put(_ node: Node) {
            box.items.append(Slot(node))
        }

        mutating func encode(_ value: String) throws { put(.string(value)) }
        mutating func encode(_ value: Bool) throws { put(.literal(value ? "true" : "false")) }
        mutating func encode(_ value: Double) throws { put(.literal(try doubleText(value, codingPath: codingPath + [nextKey]))) }
        mutating func encode(_ value: Float) throws { put(.literal(try doubleText(Double(value), codingPath: codingPath + [nextKey]))) }
        mutating func encode(_ value: Int) throws { put(.literal(String(value))) }
        mutating func encode(_ value: Int8) throws { put(.literal(String(value))) }
        mutating func encode(_ value: Int16) throws { put(.literal(String(value))) }
        mutating func encode(_ value: Int32) throws { put(.literal(String(value))) }
        mutating func encode(_ value: Int64) throws { put(.literal(String(value))) }
        mutating func encode(_ value: UInt) throws { put(.literal(String(value))) }
        mutating func encode(_ value: UInt8) throws { put(.literal(String(value))) }
        mutating func encode(_ value: UInt16) throws { put(.literal(String(value))) }
        mutating func encode(_ value: UInt32) throws { put(.literal(String(value))) }
        mutating func encode(_ value: UInt64) throws { put(.literal(String(value))) }

        mutating func encode(_ value: some Encodable) throws {
            box.items.append(try CanonicalEncoder.node(for: value, codingPath: codingPath + [nextKey]))
        }

        /// An encoder for the next element.
        private func child() -> NodeEncoder {
            let slot = Slot()
            let path = codingPath + [nextKey]
            box.items.append(slot)
            return NodeEncoder(slot: slot, codingPath: path)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            child().container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { child().unkeyedContainer() }

        mutating func superEncoder() -> any Encoder { child() }
    }

    struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { String(intValue ?? 0) }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { slot.node = .literal("null") }

        mutating func encode(_ value: String) throws { slot.node = .string(value) }
        mutating func encode(_ value: Bool) throws { slot.node = .literal(value ? "true" : "false") }
        mutating func encode(_ value: Double) throws { slot.node = .literal(try doubleText(value, codingPath: codingPath)) }
        mutating func encode(_ value: Float) throws { slot.node = .literal(try doubleText(Double(value), codingPath: codingPath)) }
        mutating func encode(_ value: Int) throws { slot.node = .literal(String(value)) }
        mutating func encode(_ value: Int8) throws { slot.node = .literal(String(value)) }
        mutating func encode(_ value: Int16) throws { slot.node = .literal(String(value)) }
        mutating func encode(_ value: Int32) throws { slot.node = .literal(String(value)) }
        mutating func encode(_ value: Int64) throws { slot.node = .literal(String(value)) }
        mutating func encode(_ value: UInt) throws { slot.node = .literal(String(value)) }
        mutating func encode(_ value: UInt8) throws { slot.node = .literal(String(value)) }
        mutating func encode(_ value: UInt16) throws { slot.node = .literal(String(value)) }
        mutating func encode(_ value: UInt32) throws { slot.node = .literal(String(value)) }
        mutating func encode(_ value: UInt64) throws { slot.node = .literal(String(value)) }

        mutating func encode(_ value: some Encodable) throws {
            slot.node = try CanonicalEncoder.node(for: value, codingPath: codingPath).node
        }
    }
}
