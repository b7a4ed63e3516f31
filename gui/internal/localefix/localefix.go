// Package localefix keeps Fyne quiet under the "C.UTF-8" locale that
// containers, CI and ssh sessions often have. Fyne's lang package reads the
// locale in its init and logs "Error parsing user locale C" on every start
// (and so on every CLI command, since the binary links Fyne): go-locale
// recognises "C" and "POSIX" but not "C.UTF-8". gettext ignores LANGUAGE
// under a C locale, so setting it changes nothing else; it only tells
// go-locale to use English, which Fyne falls back to anyway.
//
// It must initialise before fyne.io/fyne/v2/lang: it imports nothing but
// the standard library, so Go's init order (ready packages first, in import
// path order) runs it before lang's own dependencies are ready. gui imports
// it for that side effect. The CLI tests check the result: they run the
// binary under LANG=C.UTF-8 and allow no stray line on stderr.
package localefix

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	loc := ""
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = os.Getenv(env); loc != "" {
			break
		}
	}
	if strings.HasPrefix(loc, "C.") || strings.HasPrefix(loc, "POSIX.") {
		os.Setenv("LANGUAGE", "en")
	}
}
