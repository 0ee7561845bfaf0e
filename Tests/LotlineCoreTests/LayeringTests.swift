import Foundation
import Testing

/// The boundaries between modules, read from the sources: the core speaks no interface's language, the application
/// layer needs no storage, and the CLI reaches the store only where it opens the file or works on it as a file.
@Suite struct LayeringTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardized

    /// Every Swift file of a module, by name, with its text.
    func files(of module: String) throws -> [(name: String, text: String)] {
        let folder = Self.sources.appendingPathComponent(module)
        let names = try #require(FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]).filter { $0.hasSuffix(".swift") }
        #expect(!names.isEmpty, "no sources under \(folder.path)")
        return try names.sorted().map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    func imports(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").compactMap { line in line.hasPrefix("import ") ? String(line.dropFirst(7)) : nil })
    }

    @Test func theCoreTellsNobodyToTypeACommand() throws {
        for file in try files(of: "LotlineCore") {
            #expect(!file.text.contains("lotline "), "\(file.name) names the command line")
            #expect(!file.text.contains("--"), "\(file.name) names a command-line option")
        }
    }

    /// The core, GS1's rules, and the hashes passwords and tokens are kept as: bcrypt and SHA-256.
    @Test func theApplicationLayerStandsOnTheCoreAlone() throws {
        for file in try files(of: "LotlineApp") {
            #expect(
                imports(file.text).isSubset(of: ["Foundation", "GS1", "LotlineCore", "HummingbirdBcrypt", "Crypto", "Synchronization"]),
                "\(file.name) imports \(imports(file.text))")
        }
    }

    /// The GS1 module stands alone (not even Foundation): another program can take it as it is.
    @Test func theGS1ModuleImportsNothing() throws {
        for file in try files(of: "GS1") {
            #expect(imports(file.text).isEmpty, "\(file.name) imports \(imports(file.text))")
        }
    }

    @Test func theServerStandsOnTheApplicationLayerNotTheStore() throws {
        for file in try files(of: "LotlineServer") {
            #expect(imports(file.text).isDisjoint(with: ["LotlineStore", "GRDB"]), "\(file.name) imports \(imports(file.text))")
        }
    }

    @Test func theCLIReachesTheStoreOnlyToOpenOrWorkOnTheFile() throws {
        let fileTools: Set = [
            "CLIContext.swift", "Commands/GenerateCommand.swift", "Commands/ImportCommand.swift", "Commands/BenchCommand.swift",
            "Commands/ServeCommand.swift", "Commands/HoldImpactBench.swift",
        ]
        for file in try files(of: "LotlineCLI") {
            #expect(!imports(file.text).contains("GRDB"), "\(file.name) imports GRDB")
            #expect(!imports(file.text).contains("LotlineStore") || fileTools.contains(file.name), "\(file.name) imports the store")
            #expect(!file.text.contains("as! "), "\(file.name) force-casts")
        }
    }
}
