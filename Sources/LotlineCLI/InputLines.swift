import Foundation

/// Standard input read a line at a time, or the lines a test gives in its place; and a prompt at the terminal that does
/// not echo what is typed (a password).
final class InputLines {
    private var given: [String]?

    /// Real standard input and terminal.
    init() { given = nil }

    /// These lines in place of standard input; no terminal to prompt at.
    init(lines: [String]) { given = lines }

    func next() -> String? {
        if given != nil { return given!.isEmpty ? nil : given!.removeFirst() }
        return readLine(strippingNewline: true)
    }

    /// What the user types at the terminal after the prompt, not echoed; nil without a terminal (a script, a test).
    func prompt(_ text: String) -> String? {
        guard given == nil else { return nil }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(tty, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(tty, TCSAFLUSH, &saved)
            _ = write(tty, "\n", 1)
        }
        _ = text.withCString { write(tty, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
