package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Preference keys, every one the window uses. Preferences hold only
// harmless choices, never a secret: Fyne writes them in plain text.
// Whether the vault key is in the keyring is not here either:
// lifeline.json is the truth for that.
const (
	prefAutoLockMinutes = "autoLockMinutes"
	prefClipSeconds     = "clipboardClearSeconds"
	prefHideCodes       = "hideCodes"
	prefTheme           = "theme"
	prefCloseToTray     = "closeToTray"
	prefSort            = "sort"
	prefGroup           = "groupFilter"

	// prefMarkUsedOnCopy is the "Mark a recovery code used when copied"
	// setting (codes.go), off by default: some people copy a code only to
	// look at it.
	prefMarkUsedOnCopy = "markRecoveryCodeUsedOnCopy"

	// prefSaveFolder remembers the folder the last file (a Recovery Kit, a
	// QR code, an export) was saved in, so the save dialog (savefile.go)
	// opens there next time. A path is harmless in the plain-text
	// preferences. The key is older than the exports, hence its name.
	prefSaveFolder = "kitFolder"

	// prefReadyDismissedUntil is when the list's readiness banner, put away
	// with "Not now", comes back (Unix seconds; ready.go).
	prefReadyDismissedUntil = "readinessBannerHiddenUntil"
)

// Defaults of the settings.
const (
	defaultAutoLockMinutes = 5
	defaultClipSeconds     = 30
)

// Theme choices.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// Sort orders of the list; favourites are always on top.
const (
	sortName     = "name"
	sortManual   = "manual"
	sortMostUsed = "most used"
)

// windowPrefs are the preferences as loaded; set writes one back.
type windowPrefs struct {
	p               fyne.Preferences
	autoLockMinutes int // 0 = never
	clipSeconds     int // 0 = never clear
	hideCodes       bool
	theme           string
	closeToTray     bool
	sort            string
	group           string // "" = all groups
}

func loadPrefs(p fyne.Preferences) windowPrefs {
	s := windowPrefs{
		p:               p,
		autoLockMinutes: p.IntWithFallback(prefAutoLockMinutes, defaultAutoLockMinutes),
		clipSeconds:     p.IntWithFallback(prefClipSeconds, defaultClipSeconds),
		hideCodes:       p.BoolWithFallback(prefHideCodes, false),
		theme:           p.StringWithFallback(prefTheme, themeSystem),
		closeToTray:     p.BoolWithFallback(prefCloseToTray, false),
		sort:            p.StringWithFallback(prefSort, sortName),
		group:           p.StringWithFallback(prefGroup, ""),
	}
	// A hand-edited or older preferences file must not break the window.
	if s.autoLockMinutes < 0 {
		s.autoLockMinutes = defaultAutoLockMinutes
	}
	if s.clipSeconds < 0 {
		s.clipSeconds = defaultClipSeconds
	}
	switch s.theme {
	case themeSystem, themeLight, themeDark:
	default:
		s.theme = themeSystem
	}
	switch s.sort {
	case sortName, sortManual, sortMostUsed:
	default:
		s.sort = sortName
	}
	return s
}

func (s *windowPrefs) save() {
	s.p.SetInt(prefAutoLockMinutes, s.autoLockMinutes)
	s.p.SetInt(prefClipSeconds, s.clipSeconds)
	s.p.SetBool(prefHideCodes, s.hideCodes)
	s.p.SetString(prefTheme, s.theme)
	s.p.SetBool(prefCloseToTray, s.closeToTray)
	s.p.SetString(prefSort, s.sort)
	s.p.SetString(prefGroup, s.group)
}

// setter is a handler that sets one of the preferences (field, in s) and
// saves them: what a settings choice that applies at once does.
func setter[T any](s *windowPrefs, field *T) func(T) {
	return func(v T) {
		*field = v
		s.save()
	}
}

// variantTheme is the default theme pinned to light or dark.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

func (u *UI) applyTheme() {
	var t fyne.Theme = theme.DefaultTheme()
	switch u.prefs.theme {
	case themeLight:
		t = variantTheme{t, theme.VariantLight}
	case themeDark:
		t = variantTheme{t, theme.VariantDark}
	}
	u.app.Settings().SetTheme(t)
	// Fyne refreshes what is on screen; screens kept aside (the list while
	// settings show) catch up when shown again (showList, row.bind).
	u.themeGen++
}
