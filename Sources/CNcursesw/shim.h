#ifndef DOSSIER_CNCURSESW_SHIM_H
#define DOSSIER_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE flags, so the wide-character API must be switched on here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <curses.h>
#endif
