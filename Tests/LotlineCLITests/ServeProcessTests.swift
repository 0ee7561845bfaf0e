import Foundation
import LotlineCLI
import Testing

/// `lotline serve` as a user runs it: the real binary on a free port, a request over a real socket, then SIGTERM, which
/// lets it finish and exit cleanly; each request is a line of its log.
@Suite struct ServeProcessTests {
    @Test func serveAnswersOverTCPAndStopsGracefullyOnSIGTERM() async throws {
        let cli = try CLIHarness()
        try cli.ok("demo")
        let process = Process()
        process.executableURL = ImportDurabilityTests.binary
        process.arguments = ["serve", "--port", "0", "--db", cli.db, "--as", "clerk"]
        let output = Pipe(), log = Pipe()
        process.standardOutput = output
        process.standardError = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let (printed, port) = try Self.listening(output.fileHandleForReading)
        #expect(printed.hasPrefix("Serving \(cli.db) ("))

        let response = try httpGet(port: port, path: "/health")
        #expect(response.hasPrefix("HTTP/1.1 200"), "\(response)")
        #expect(response.contains("\"database\":\"reachable\""))

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("Stopped."))
        let logged = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(logged.contains("GET /health 200") && logged.contains("user=-"), "\(logged)")
    }

    @Test func anUnknownLogLevelIsRefusedBeforeServing() throws {
        let cli = try CLIHarness()
        try cli.ok("demo")
        let refused = cli.run(["serve", "--port", "0", "--log-level", "loud"])
        #expect(refused.exitCode == 65 && refused.stderr.contains("log-level-invalid") && refused.stderr.contains("notice"), "\(refused.stderr)")
    }

    @Test func aResponseCacheOutOfRangeIsRefusedBeforeServing() throws {
        let cli = try CLIHarness()
        try cli.ok("demo")
        let refused = cli.run(["serve", "--port", "0", "--response-cache", "99999"])
        #expect(refused.exitCode == 65 && refused.stderr.contains("response-cache-invalid") && refused.stderr.contains("99999"), "\(refused.stderr)")
        #expect(cli.run(["serve", "--port", "0", "--response-cache", "-1"]).exitCode == 64)
    }

    /// A request that never finishes sending its body does not hold the server up past its shutdown deadline.
    @Test func aStalledRequestIsCutOffAtTheShutdownDeadline() throws {
        let cli = try CLIHarness()
        try cli.ok("demo")
        let process = Process()
        process.executableURL = ImportDurabilityTests.binary
        process.arguments = ["serve", "--port", "0", "--db", cli.db, "--as", "clerk", "--shutdown-deadline", "1"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let port = try Self.listening(output.fileHandleForReading).port
        // Half a sign-in: the headers promise 100 bytes of body, 10 come.
        let fd = try connect(port: port)
        defer { close(fd) }
        let partial = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user\": \""
        _ = partial.withCString { send(fd, $0, strlen($0), 0) }
        Thread.sleep(forTimeInterval: 0.5)
        let stopping = Date()
        process.terminate()
        process.waitUntilExit()
        // Without the deadline it would wait for the connection's idle timeout, a minute.
        #expect(Date().timeIntervalSince(stopping) < 15, "stopped after \(Date().timeIntervalSince(stopping)) s")
    }

    func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0, "cannot connect to port \(port)")
        return fd
    }

    /// One HTTP/1.1 GET over a plain socket, the whole response as text.
    func httpGet(port: Int, path: String) throws -> String {
        let fd = try connect(port: port)
        defer { close(fd) }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: response, as: UTF8.self)
    }

    /// What serve printed first and the port its first line names ("Serving ... on http://127.0.0.1:PORT").
    static func listening(_ reader: FileHandle) throws -> (printed: String, port: Int) {
        var printed = ""
        while !printed.contains("\n") {
            let chunk = reader.availableData
            try #require(!chunk.isEmpty, "serve exited before it listened: \(printed)")
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let first = printed.split(separator: "\n").first ?? ""
        let port = try #require(first.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }, "\(printed)")
        return (printed, port)
    }
}
