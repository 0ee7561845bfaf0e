import Foundation
import LotlineCore
import Testing

/// The one-pass scan bulk paths use finds every control character a payload can hold, and nothing else.
@Suite struct ControlCharacterTests {
    @Test(arguments: [
        ("a\nb", UInt32(0x0A)), ("a\rb", 0x0D), ("tab\there", 0x09), ("bell\u{7}", 0x07), ("esc\u{1B}[31m", 0x1B), ("del\u{7F}", 0x7F),
        ("next line\u{85}", 0x85), ("\u{8}", 0x08), ("\u{C}", 0x0C),
    ])
    func findsAControlCharacterWhereverTheEncoderPutsIt(text: String, scalar: UInt32) {
        #expect(TextInput.firstControlCharacter(inCanonicalJSON: CanonicalJSON.encode(["note": text])) == scalar)
    }

    @Test(arguments: ["plain", #"back\slash and \n typed as two characters"#, "quote \" inside", "é ü 中 🚚", "¢ £ ¥ (C2 A2..)", ""])
    func findsNothingInOrdinaryText(text: String) {
        #expect(TextInput.firstControlCharacter(inCanonicalJSON: CanonicalJSON.encode(["note": text])) == nil)
    }
}
