import Foundation
import LotlineCore
import LotlineStore

/// The generator's work orders, from creation to close, and the ground truth of where their material went.
extension PlantGenerator {
    /// One input of a work order: the lot, how much, and the component it stands for (finished orders), if any.
    typealias Input = (lot: String, amount: Decimal, component: Int?)

    /// One work order from creation to close: issue, start on a machine, produce and consume, complete, close. Returns
    /// the outputs: none when the order stopped before making anything (it stays released, its material in WIP).
    mutating func order(
        _ batch: CommandBatch, _ item: String, quantity: Int, inputs: [Input], outputs: Int, serial: Bool
    ) throws -> [String]? {
        guard let created = run(batch, CreateWorkOrder(item: item, quantity: String(quantity)))
        else {
            return nil
        }
        let number = created.number.rawValue
        run(batch, ChangeWorkOrderStatus(number: number, to: .released))
        for input in inputs { run(batch, IssueMaterial(lot: input.lot, quantity: Quantity.format(input.amount), workOrder: number)) }
        let machine = Self.code("M", Int.random(in: 1...shape.machines, using: &random))
        let person = Self.code("OP", Int.random(in: 1...shape.operators, using: &random))
        run(batch, StartOperation(workOrder: number, seq: 10, equipment: machine, operatorCode: person))
        // Nothing at the order happened before its material arrived: a line keyed in late is dated after this.
        let floorStart = clock
        let produced: [String]
        if serial {
            produced = serialFlow(batch, number, quantity: quantity, inputs: inputs)
        } else if stopsOrders && Int.random(in: 0..<30, using: &random) == 0 {
            // Stopped mid-way (a breakdown, a rejected first piece): consumed, nothing made, the order left released.
            for input in inputs where consume(batch, number, input, advance: advances()) {
                record(TruthLink(kind: .consumed, input: input.lot, output: nil, workOrder: number))
            }
            counts.stoppedOrders += 1
            return []
        } else {
            produced = lotFlow(batch, number, quantity: quantity, inputs: inputs, outputs: outputs, floorStart: floorStart)
        }
        run(batch, CompleteOperation(workOrder: number, seq: 10, good: String(quantity)))
        run(batch, ChangeWorkOrderStatus(number: number, to: .closed))
        return produced
    }

    /// Serials first, then each unit consumed into the serial it went into (exact).
    private mutating func serialFlow(_ batch: CommandBatch, _ number: String, quantity: Int, inputs: [Input]) -> [String] {
        let produced = run(batch, Produce(workOrder: number, quantity: String(quantity), serialCount: quantity))?.outputs.map(\.lot.rawValue) ?? []
        guard !produced.isEmpty else { return [] }
        // Each component's units go to the serials in turn, one unit per serial; raw material is shared over every serial.
        var next: [Int: Int] = [:]
        for input in inputs {
            if let component = input.component {
                for _ in 0..<NSDecimalNumber(decimal: input.amount).intValue {
                    let position = next[component, default: 0]
                    next[component] = position + 1
                    let output = produced[position % produced.count]
                    if consume(batch, number, (input.lot, 1, component), into: output) {
                        record(TruthLink(kind: .consumed, input: input.lot, output: output, workOrder: number))
                    }
                }
            } else {
                let share = input.amount / Decimal(produced.count)
                for output in produced where consume(batch, number, (input.lot, share, nil), into: output) {
                    record(TruthLink(kind: .consumed, input: input.lot, output: output, workOrder: number))
                }
            }
        }
        return produced
    }

    /// A lot-tracked order as a floor runs it: each input without a named output is consumed before the output it really
    /// went into, usually just before it, sometimes before an earlier one (it waited in a queue), and 1 in 20 is keyed in
    /// after that output with the earlier time it happened; an input named into an output (in two-output orders, all but
    /// every third) is consumed once that output exists. Times are coarse: half the commands share the previous second.
    private mutating func lotFlow(
        _ batch: CommandBatch, _ number: String, quantity: Int, inputs: [Input], outputs: Int, floorStart: Date
    ) -> [String] {
        // Input positions consumed before each output is made, and after it; the output each really went into.
        var before = Array(repeating: [Int](), count: outputs)
        var after = Array(repeating: [Int](), count: outputs)
        var goesInto = Array(repeating: 0, count: inputs.count)
        var backDated = Array(repeating: false, count: inputs.count)
        for index in inputs.indices {
            if outputs > 1 && index % 3 != 2 {
                goesInto[index] = index % outputs
                after[index % outputs].append(index)
                continue
            }
            let target = Int.random(in: 0..<outputs, using: &random)
            goesInto[index] = target
            if Int.random(in: 0..<20, using: &random) == 0 {
                backDated[index] = true
                after[Int.random(in: target..<outputs, using: &random)].append(index)
            } else if target > 0 && Int.random(in: 0..<4, using: &random) == 0 {
                before[Int.random(in: 0..<target, using: &random)].append(index)
            } else {
                before[target].append(index)
            }
        }
        var produced: [String] = []
        var madeAt: [Date] = []
        var consumed = Array(repeating: false, count: inputs.count)
        for output in 0..<outputs {
            for index in before[output] { consumed[index] = consume(batch, number, inputs[index], advance: advances()) }
            guard let lot = run(batch, Produce(workOrder: number, quantity: String(quantity / outputs)), advance: advances())?.outputs.first?.lot.rawValue
            else { break }
            produced.append(lot)
            madeAt.append(clock)
            for index in after[output] {
                let target = goesInto[index]
                // Keyed in late with the earlier time it happened: strictly before the output (an equal time is read as
                // after it) and not before the order's material arrived. With no second between, the clerk names the output.
                let at = max(floorStart, madeAt[target].addingTimeInterval(-Double(Int.random(in: 1...600, using: &random))))
                if backDated[index] && at < madeAt[target] {
                    consumed[index] = consume(batch, number, inputs[index], at: at)
                    if consumed[index] { counts.backDated += 1 }
                } else {
                    consumed[index] = consume(batch, number, inputs[index], into: produced[target], advance: advances())
                }
            }
        }
        // Known once the outputs exist (an output refused leaves what went into it at the order).
        for index in inputs.indices where consumed[index] {
            let output = goesInto[index] < produced.count ? produced[goesInto[index]] : nil
            record(TruthLink(kind: .consumed, input: inputs[index].lot, output: output, workOrder: number))
        }
        return produced
    }

    /// Consumes one input at the order's operation, into a named output or not; whether the ledger took it.
    private mutating func consume(_ batch: CommandBatch, _ number: String, _ input: Input, into: String? = nil, advance: Bool = true, at: Date? = nil)
        -> Bool
    {
        let command = ConsumeMaterial(workOrder: number, seq: 10, lot: input.lot, quantity: Quantity.format(input.amount), into: into)
        return run(batch, command, advance: advance, at: at) != nil
    }

    /// Whether the next command of an order's floor gets a later time than the one before (half of them share its second).
    private mutating func advances() -> Bool { Int.random(in: 0..<2, using: &random) == 0 }
}
