#ifndef DOSSIER_CNCURSESW_SHIM_H
#define DOSSIER_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE flags, so the wide-character API must be switched on here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <curses.h>

// A system library target cannot hold .c files: everything Swift cannot import directly (macros, the stdscr
// global, signal handlers) is a static inline function here. Only DossierTUI includes this header, so the static
// storage below exists once.

static inline WINDOW *dossier_stdscr(void) { return stdscr; }
static inline int dossier_lines(void) { return LINES; }
static inline int dossier_cols(void) { return COLS; }
static inline int dossier_colors(void) { return COLORS; }
static inline int dossier_color_pairs(void) { return COLOR_PAIRS; }
static inline int dossier_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int dossier_getmaxx(WINDOW *w) { return getmaxx(w); }

static inline attr_t dossier_a_normal(void) { return A_NORMAL; }
static inline attr_t dossier_a_bold(void) { return A_BOLD; }
static inline attr_t dossier_a_dim(void) { return A_DIM; }
static inline attr_t dossier_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dossier_a_reverse(void) { return A_REVERSE; }
static inline attr_t dossier_a_standout(void) { return A_STANDOUT; }
static inline attr_t dossier_a_italic(void) { return A_ITALIC; }

static inline int dossier_key_code_yes(void) { return KEY_CODE_YES; }
static inline int dossier_key_resize(void) { return KEY_RESIZE; }
static inline int dossier_key_f(int n) { return KEY_F(n); }
static inline int dossier_err(void) { return ERR; }
static inline int dossier_ok(void) { return OK; }

/// Whether the current LC_CTYPE encodes text as UTF-8.
static inline int dossier_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) return 0;
    return strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0 || strcmp(codeset, "UTF8") == 0;
}

/// Fills a cchar_t with up to 4 code points (a grapheme cluster), attributes and an extended colour pair.
static inline int dossier_setcchar(cchar_t *cell, const unsigned int *points, int count, attr_t attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) text[i] = (wchar_t)points[i];
    text[n] = 0;
    return setcchar(cell, text, attrs, 0, &pair);
}

/// Writes one cell at (y, x) without moving anything else: the backend's only drawing primitive.
static inline int dossier_put_cell(WINDOW *w, int y, int x, const unsigned int *points, int count, attr_t attrs, int pair) {
    cchar_t cell;
    memset(&cell, 0, sizeof cell);
    if (dossier_setcchar(&cell, points, count, attrs, pair) == ERR) return ERR;
    return mvwadd_wch(w, y, x, &cell);
}

// ---- Signals -------------------------------------------------------------------------------------------------

/// The signal (SIGINT, SIGTERM, SIGHUP) that asked the workbench to quit; 0 while none did. The main loop polls it,
/// so the store is closed between commits and never half-written.
static volatile sig_atomic_t dossier_pending_quit_signal = 0;

static inline void dossier_quit_handler(int sig) { dossier_pending_quit_signal = sig; }

/// On a crash (Swift traps are SIGILL/SIGTRAP) the terminal must not be left in the alternate screen.
static inline void dossier_fatal_handler(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline int dossier_take_quit_signal(void) {
    int sig = dossier_pending_quit_signal;
    dossier_pending_quit_signal = 0;
    return sig;
}

static inline int dossier_peek_quit_signal(void) { return dossier_pending_quit_signal; }

/// Installs the quit handlers (no SA_RESTART, so a blocking read returns) and the crash handlers.
/// Called before newterm: ncurses then keeps our SIGINT/SIGTERM handlers instead of installing its own.
static inline void dossier_install_signal_handlers(void) {
    struct sigaction quit;
    memset(&quit, 0, sizeof quit);
    quit.sa_handler = dossier_quit_handler;
    sigemptyset(&quit.sa_mask);
    sigaction(SIGINT, &quit, NULL);
    sigaction(SIGTERM, &quit, NULL);
    sigaction(SIGHUP, &quit, NULL);

    struct sigaction fatal;
    memset(&fatal, 0, sizeof fatal);
    fatal.sa_handler = dossier_fatal_handler;
    sigemptyset(&fatal.sa_mask);
    fatal.sa_flags = SA_RESETHAND;
    int fatals[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE};
    for (unsigned i = 0; i < sizeof fatals / sizeof fatals[0]; i++) sigaction(fatals[i], &fatal, NULL);

    // A parent may have started us with these blocked (the mask survives exec): unblock them, or Ctrl-C is lost.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
}

/// Puts every handler back to the default once the terminal is restored.
static inline void dossier_reset_signal_handlers(void) {
    int all[] = {SIGINT, SIGTERM, SIGHUP, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE};
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) signal(all[i], SIG_DFL);
}

#endif
