/// Reading the two standard text formats: the classic job shop (`n m`, then per job `m` pairs `machine duration`,
/// machines from 0) and Brandimarte's flexible job shop (`n m flexibility`, then per job the operation count and, per
/// operation, `k` followed by `k` pairs `machine duration`, machines from 1). The header tells them apart: two numbers
/// for a job shop, three for a flexible one. Numbers may wrap across lines; blank lines and `#` comments are skipped.
extension ShopInstance {
    public init(text: String, name: String) throws(ShopInstanceError) {
        var reader = NumberReader(text: text)
        let header = reader.headerNumbers
        switch header.count {
        case 2: self = try Self.readJobShop(&reader, name: name)
        case 3: self = try Self.readFlexibleJobShop(&reader, name: name)
        default:
            throw ShopInstanceError(
                rule: "the first line is `jobs machines` (job shop) or `jobs machines flexibility` (flexible job shop)",
                value: "\(name): \(header.isEmpty ? "empty" : header.joined(separator: " "))")
        }
        guard reader.isAtEnd else {
            throw ShopInstanceError(rule: "the file ends after the last job", value: "\(name) line \(reader.line): \(reader.rest)")
        }
    }

    private static func readJobShop(_ reader: inout NumberReader, name: String) throws(ShopInstanceError) -> ShopInstance {
        let (jobCount, machineCount) = try reader.header(name: name)
        var jobs: [[Operation]] = []
        for _ in 0..<jobCount {
            var job: [Operation] = []
            for _ in 0..<machineCount {
                let machine = try reader.integer("a machine number", name: name)
                let duration = try reader.integer("a duration", name: name)
                job.append(Operation(alternatives: [Alternative(machine: machine, duration: duration)]))
            }
            jobs.append(job)
        }
        return try ShopInstance(name: name, machineCount: machineCount, jobs: jobs, machineNumberBase: 0)
    }

    private static func readFlexibleJobShop(_ reader: inout NumberReader, name: String) throws(ShopInstanceError) -> ShopInstance {
        let (jobCount, machineCount) = try reader.header(name: name)
        var jobs: [[Operation]] = []
        for _ in 0..<jobCount {
            let operationCount = try reader.integer("an operation count", name: name)
            var job: [Operation] = []
            for _ in 0..<operationCount {
                let choices = try reader.integer("a machine count", name: name)
                var alternatives: [Alternative] = []
                for _ in 0..<choices {
                    let machine = try reader.integer("a machine number", name: name)
                    let duration = try reader.integer("a duration", name: name)
                    alternatives.append(Alternative(machine: machine - 1, duration: duration))
                }
                job.append(Operation(alternatives: alternatives))
            }
            jobs.append(job)
        }
        return try ShopInstance(name: name, machineCount: machineCount, jobs: jobs, machineNumberBase: 1)
    }
}

/// Whitespace-separated numbers with the line each came from, for errors that point at the place.
private struct NumberReader {
    private var tokens: [(text: Substring, line: Int)] = []
    private var index = 0
    let headerNumbers: [String]

    init(text: String) {
        var header: [String]?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = rawLine.prefix { $0 != "#" }
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !words.isEmpty else { continue }
            if header == nil {
                header = words.map(String.init)
            }
            tokens.append(contentsOf: words.map { ($0, offset + 1) })
        }
        headerNumbers = header ?? []
    }

    var isAtEnd: Bool { index == tokens.count }
    var line: Int { index < tokens.count ? tokens[index].line : (tokens.last?.line ?? 0) }
    var rest: String { tokens[index...].prefix(6).map { String($0.text) }.joined(separator: " ") }

    /// The header's job and machine counts; a flexible file's third number (average flexibility) is read and dropped.
    mutating func header(name: String) throws(ShopInstanceError) -> (jobs: Int, machines: Int) {
        let jobs = try integer("a job count", name: name)
        let machines = try integer("a machine count", name: name)
        if headerNumbers.count == 3 {
            let flexibility = tokens[index].text
            guard Double(flexibility) != nil else {
                throw ShopInstanceError(rule: "the third header number is the average flexibility", value: "\(name): \(flexibility)")
            }
            index += 1
        }
        return (jobs, machines)
    }

    mutating func integer(_ what: String, name: String) throws(ShopInstanceError) -> Int {
        guard index < tokens.count else { throw ShopInstanceError(rule: "the file ends early: expected \(what)", value: "\(name) line \(line)") }
        let token = tokens[index]
        guard let value = Int(token.text), value >= 0 else {
            throw ShopInstanceError(rule: "expected \(what), a whole number", value: "\(name) line \(token.line): \(token.text)")
        }
        index += 1
        return value
    }
}
