import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

/// Names one quality decision, so hold, release and reject share one command type.
protocol StatusActionKind {
    static var action: ChangeLotStatus.Action { get }
    static var abstract: String { get }
}

enum HoldAction: StatusActionKind {
    static let action = ChangeLotStatus.Action.hold
    static let abstract = "Put a lot on hold (it cannot be used or merged until released)."
}

enum ReleaseAction: StatusActionKind {
    static let action = ChangeLotStatus.Action.release
    static let abstract = "Release a lot from hold (back to released, or to quarantine if it was held there)."
}

enum RejectAction: StatusActionKind {
    static let action = ChangeLotStatus.Action.reject
    static let abstract = "Reject a lot (it can then only be scrapped)."
}

extension LotGroup {
    struct StatusCommand<Kind: StatusActionKind>: StoreCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: Kind.action.rawValue, abstract: Kind.abstract)
        }
        @Argument var lot: String
        @Option(help: "Reason code (see `lotline reason list`).") var reason: String
        @Option var note: String?
        @OptionGroup var global: GlobalOptions

        init() {}

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let command = ChangeLotStatus(lot: lot, action: Kind.action, reason: reason, note: note)
            guard Kind.action == .hold else {
                let executed = try context.execute(command)
                return try context.changed(executed.events, summary: Self.summary(executed.outcome), lots: [executed.outcome.lot])
            }
            let (executed, impact) = try context.signing { try context.session().hold(command, signature: try context.signature()) }
            let change = try context.session().changeView(executed.events, lots: [executed.outcome.lot])
            return CLIOutput(
                text: Self.summary(executed.outcome) + "\n" + HoldImpactText.render(impact), json: HoldView(change: change, impact: impact))
        }

        static func summary(_ change: LotStatusChanged) -> String {
            "\(Kind.action.rawValue.capitalized) \(change.lot): \(change.from.rawValue) -> \(change.to.rawValue) (\(change.reason))"
        }
    }

    struct Split: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "split", abstract: "Split child lots off a lot; each child keeps the parent link.")
        @Argument var lot: String
        @Option(name: .customLong("qty"), help: "Quantity of one child lot; repeat for more children.") var quantities: [String] = []
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(SplitLot(lot: lot, quantities: quantities))
            let split = executed.outcome
            let children = split.children.map { "\($0.lot) (\($0.quantity))" }.joined(separator: ", ")
            return try context.changed(
                executed.events, summary: "Split \(split.parent) into \(children); \(split.remaining) left",
                lots: [split.parent] + split.children.map(\.lot))
        }
    }

    struct Merge: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge whole lots of one item into a composite lot whose parents are every input with its quantity.")
        @Argument(help: "Two or more lots.") var lots: [String]
        @Option(name: .customLong("into"), help: "Number for the composite lot (must match the merge scheme).") var number: String?
        @Option(help: "Where the composite lot goes: required when the lots are in different places.") var location: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(MergeLots(lots: lots, number: number, location: location))
            let merged = executed.outcome
            let inputs = merged.inputs.map { "\($0.lot) (\($0.quantity))" }.joined(separator: " + ")
            let summary =
                "Merged \(inputs) into \(merged.output): \(merged.quantity) \(merged.status.rawValue)"
                + (merged.location.map { " @\($0)" } ?? "") + (merged.heats.map { ", heats \($0.joined(separator: ", "))" } ?? "")
            return try context.changed(executed.events, summary: summary, lots: [merged.output])
        }
    }

    struct Move: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "move", abstract: "Move a lot to another location.")
        @Argument var lot: String
        @Option var to: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(MoveLot(lot: lot, to: to))
            let moved = executed.outcome
            return try context.changed(
                executed.events, summary: "Moved \(moved.lot): \(moved.from?.rawValue ?? "-") -> \(moved.to)", lots: [moved.lot])
        }
    }

    struct Adjust: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "adjust", abstract: "Set a lot's quantity to what was counted.")
        @Argument var lot: String
        @Option(help: "The counted quantity (0 or more).") var qty: String
        @Option var reason: String
        @Option var note: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(AdjustLot(lot: lot, quantity: qty, reason: reason, note: note))
            let adjusted = executed.outcome
            return try context.changed(
                executed.events, summary: "Adjusted \(adjusted.lot): \(adjusted.from) -> \(adjusted.to) (\(adjusted.reason))",
                lots: [adjusted.lot])
        }
    }

    struct Scrap: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "scrap", abstract: "Scrap part of a lot, or all of it.")
        @Argument var lot: String
        @Option(help: "How much; the whole lot when omitted.") var qty: String?
        @Option var reason: String
        @Option var note: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(ScrapLot(lot: lot, quantity: qty, reason: reason, note: note))
            let scrapped = executed.outcome
            return try context.changed(
                executed.events, summary: "Scrapped \(scrapped.quantity) of \(scrapped.lot) (\(scrapped.reason)); \(scrapped.remaining) left",
                lots: [scrapped.lot])
        }
    }

    struct Correct: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Correct a lot's receiving data; recorded as a new event that names the receipt it corrects.")
        @Argument var lot: String
        @Option var supplierLot: String?
        @Option var heat: String?
        @Option var cert: String?
        @Option var po: String?
        @Option var expires: String?
        @Option(help: "Why the record was wrong (required).") var note: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            var command = CorrectReceipt(lot: lot, note: note)
            command.supplierLot = supplierLot
            command.heat = heat
            command.certificate = cert
            command.purchaseOrder = po
            command.expires = expires
            let executed = try context.execute(command)
            let corrected = executed.outcome
            var summary = "Corrected receipt of \(corrected.lot) (corrects event \(executed.events[0].corrects ?? 0))"
            if let others = corrected.alsoChanges {
                summary +=
                    "; the heat changes on \(others.count) more lot\(others.count == 1 ? "" : "s") too: "
                    + others.map(\.rawValue).joined(separator: ", ")
            }
            return try context.changed(executed.events, summary: summary, lots: [corrected.lot] + (corrected.alsoChanges ?? []))
        }
    }
}

/// `lot hold --json`: the change (events, lots) and what the hold touches.
struct HoldView: Encodable {
    var change: ChangeView
    var impact: HoldImpact

    enum CodingKeys: String, CodingKey { case events, lots, impact }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(change.events, forKey: .events)
        try container.encode(change.lots, forKey: .lots)
        try container.encode(impact, forKey: .impact)
    }
}
