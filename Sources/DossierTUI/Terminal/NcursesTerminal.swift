@preconcurrency import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Why the workbench could not take over the terminal; `exitCode` 2 means "wrong usage" (no TTY).
public struct TerminalStartError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32
    public var description: String { message }
}

/// The only owner of the ncurses session: starts it in the order the pitfalls demand, reads keys, and restores the
/// terminal on every way out. Use from the main thread only.
public final class NcursesTerminal {
    /// Things the analyst should know about the session (fallback TERM, ASCII glyphs, colour depth).
    public private(set) var notes: [String] = []
    /// Whether text is drawn as UTF-8 (else ASCII glyphs only).
    public let unicode: Bool
    public let depth: ColorDepth
    /// The terminfo name in use.
    public let termName: String
    private var screen: OpaquePointer?
    private var running = true

    /// Takes over the terminal. Throws when stdin/stdout is not a terminal or no terminfo entry can be used.
    public init(environment: [String: String]) throws {
        // 1. initscr does not fail without a TTY: it would write escape codes into a file.
        guard isatty(0) == 1 && isatty(1) == 1 else {
            throw TerminalStartError(
                message: "the workbench needs a terminal: standard input and output must be a TTY "
                    + "(use the dossier subcommands for scripts and pipes)",
                exitCode: 2)
        }
        // 2. Locale: without it ncurses draws boxes as "lqqqk" and garbles CJK.
        setlocale(LC_ALL, "")
        var utf8 = dossier_locale_is_utf8() != 0
        var notes: [String] = []
        if !utf8, setlocale(LC_CTYPE, "C.UTF-8") != nil, dossier_locale_is_utf8() != 0 {
            utf8 = true
        }
        if !utf8 { notes.append("the locale is not UTF-8: drawing with ASCII glyphs") }
        unicode = utf8

        // Signal handlers go in before newterm, so ncurses keeps ours for SIGINT/SIGTERM.
        dossier_install_signal_handlers()

        // 3. newterm returns NULL for an unknown TERM (initscr would print and exit on its own).
        let requested = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "dumb"
        let wantsTrueColor = ["truecolor", "24bit"].contains(environment["COLORTERM"]?.lowercased() ?? "")
        var candidates: [String] = []
        if wantsTrueColor, let family = requested.split(separator: "-").first.map(String.init),
           ["xterm", "tmux", "screen", "alacritty", "kitty", "foot", "wezterm"].contains(family) {
            candidates.append(family + "-direct")
        }
        candidates += [requested, "xterm-256color", "xterm", "vt100"]
        var opened: (OpaquePointer, String)?
        for name in candidates {
            guard let out = fdopen(dup(1), "w"), let input = fdopen(dup(0), "r") else { continue }
            if let s = newterm(name, out, input) {
                opened = (s, name)
                break
            }
            fclose(out)
            fclose(input)
        }
        guard let (screen, name) = opened else {
            dossier_reset_signal_handlers()
            throw TerminalStartError(message: "no usable terminal description for TERM=\(requested) (tried \(candidates.joined(separator: ", ")))", exitCode: 1)
        }
        self.screen = screen
        termName = name
        if name != requested && !name.hasSuffix("-direct") {
            notes.append("unknown TERM \(requested): using \(name)")
        }
        set_term(screen)

        // 4. Input modes. cbreak keeps Ctrl-C as SIGINT, which the quit handler turns into a clean exit.
        cbreak()
        noecho()
        nonl()
        let window = dossier_stdscr()
        keypad(window, true)
        if environment["ESCDELAY"] == nil { set_escdelay(25) }  // the default 1000 ms makes a bare Esc feel broken
        curs_set(0)
        leaveok(window, true)
        for (sequence, code) in [("\u{1b}[A", KEY_UP), ("\u{1b}[B", KEY_DOWN), ("\u{1b}[C", KEY_RIGHT), ("\u{1b}[D", KEY_LEFT),
                                 ("\u{1b}[H", KEY_HOME), ("\u{1b}[F", KEY_END), ("\u{1b}[Z", KEY_BTAB)] {
            define_key(sequence, code)
        }

        // 5. Colours; ncurses itself ignores NO_COLOR.
        let has = has_colors()
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        if has && !noColor {  // COLORS is only known after start_color
            start_color()
            use_default_colors()
        }
        depth = ColorDepth.detect(hasColors: has, colors: Int(dossier_colors()), environment: environment)
        if noColor {
            notes.append("NO_COLOR is set: no colours")
        } else if wantsTrueColor && depth != .direct && depth != .none {
            notes.append("COLORTERM asks for true colour but \(name) has \(depth): colours mapped to the nearest")
        }
        self.notes = notes
    }

    /// The screen size in cells.
    public var size: (width: Int, height: Int) {
        (Int(dossier_getmaxx(dossier_stdscr())), Int(dossier_getmaxy(dossier_stdscr())))
    }

    /// Waits up to `milliseconds` for a key; nil on timeout or when a signal interrupted the wait.
    public func readKey(timeoutMilliseconds milliseconds: Int32) -> Key? {
        let window = dossier_stdscr()
        wtimeout(window, milliseconds)
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == dossier_key_code_yes() { return KeyDecoder.decode(keyCode: Int32(value)) }
        if result == dossier_ok() { return KeyDecoder.decode(character: UInt32(value)) }
        return nil
    }

    /// The pending quit signal (SIGINT, SIGTERM, SIGHUP), consumed; 0 when none.
    public func takeQuitSignal() -> Int32 { dossier_take_quit_signal() }

    /// Restores the terminal (leaves the alternate screen, shows the cursor). Safe to call more than once.
    public func stop() {
        guard running else { return }
        running = false
        curs_set(1)
        endwin()
        if let s = screen { delscreen(s) }
        screen = nil
        dossier_reset_signal_handlers()
    }

    deinit { stop() }
}

/// Turns ncurses' key codes and characters into `Key`s.
public enum KeyDecoder {
    public static func decode(keyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_ENTER: return .enter
        case dossier_key_resize(): return .resize
        default:
            for n in 1...24 where code == dossier_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    public static func decode(character value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(96 + value))))
        default:
            guard value >= 32, let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}
