package apps

import (
	"errors"
	"fmt"
	"strings"

	"github.com/lifelineauth/lifeline/core"
)

// Format describes one file format that Import reads.
type Format struct {
	Name      string   // stable identifier for --format: "aegis", "2fas", ...
	Title     string   // for people: "Aegis", "2FAS Authenticator"
	Exts      []string // usual file name endings, lower case, with the dot
	Encrypted bool     // the file may be password-protected: Import may ask
	Internal  bool     // a file from the app's private data folder (a rooted phone)
	Hint      string   // where the file comes from, for --formats and the file picker
	detect    bool     // Detect may return it (WinAuth only by explicit choice)
}

// Skip is an entry that was read but not imported, and why.
type Skip struct {
	Label  string // "Issuer:Name" or "entry 3"
	Reason string
}

// Result is what one file imported to. Accounts have Defaults applied and
// pass Validate; their ID, Created and Updated are left for the caller.
type Result struct {
	Accounts []core.Account
	Skipped  []Skip
	Format   Format
}

// Errors callers branch on. Each comes wrapped in an *Error naming the format.
var (
	ErrUnknownFormat  = errors.New("unknown file format")
	ErrPasswordNeeded = errors.New("this file is encrypted: a password is needed")
	ErrWrongPassword  = errors.New("wrong password")
	ErrDamaged        = errors.New("file is damaged or incomplete")
	ErrUnsupported    = errors.New("not supported")
)

// Error is a failed import: Kind is one of the Err* values above, Format the
// title of the format (empty when the format is unknown) and Err the detail.
// errors.Is(err, ErrWrongPassword) and the like work on it.
type Error struct {
	Format string
	Kind   error
	Err    error
}

func (e *Error) Error() string {
	s := e.Kind.Error()
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	if e.Format != "" {
		s = e.Format + ": " + s
	}
	return s
}

func (e *Error) Is(target error) bool { return target == e.Kind }
func (e *Error) Unwrap() error        { return e.Err }

func damaged(format string, args ...any) error {
	return &Error{Kind: ErrDamaged, Err: fmt.Errorf(format, args...)}
}

func unsupported(format string, args ...any) error {
	return &Error{Kind: ErrUnsupported, Err: fmt.Errorf(format, args...)}
}

func wrongPassword(format string, args ...any) error {
	return &Error{Kind: ErrWrongPassword, Err: fmt.Errorf(format, args...)}
}

// reader reads one format into out. File problems come back as *Error;
// the password callback's own error (a cancel) as an *askError.
type reader func(data []byte, pw *passwordSource, out *results) error

// Formats lists every format Import reads, in the order --formats shows them.
func Formats() []Format {
	out := make([]Format, len(registry))
	for i, r := range registry {
		out[i] = r.Format
	}
	return out
}

// FormatByName finds a format by its Name, ignoring case.
func FormatByName(name string) (Format, error) {
	for _, r := range registry {
		if strings.EqualFold(r.Name, strings.TrimSpace(name)) {
			return r.Format, nil
		}
	}
	names := make([]string, len(registry))
	for i, r := range registry {
		names[i] = r.Name
	}
	return Format{}, &Error{Kind: ErrUnknownFormat, Err: fmt.Errorf("no format named %q (want one of %s)", name, strings.Join(names, ", "))}
}

// Import reads data as format f. password is called at most once, and only
// when the file is encrypted; nil means no password can be had, and an
// encrypted file then fails with ErrPasswordNeeded. An error from password
// (a cancel) is returned wrapped. On any error the Result is empty.
func Import(f Format, data []byte, password func() (string, error)) (Result, error) {
	var read reader
	for _, r := range registry {
		if r.Name == f.Name {
			f, read = r.Format, r.read
		}
	}
	if read == nil {
		return Result{}, &Error{Kind: ErrUnknownFormat, Err: fmt.Errorf("no importer named %q", f.Name)}
	}
	var out results
	if err := read(data, newPassword(password), &out); err != nil {
		var e *Error
		var ask *askError
		switch {
		case errors.As(err, &e):
			if e.Format == "" {
				e.Format = f.Title
			}
			return Result{}, e
		case errors.As(err, &ask):
			return Result{}, fmt.Errorf("%s: password: %w", f.Title, ask.err)
		case errors.Is(err, core.ErrOverLimit):
			return Result{}, fmt.Errorf("%s: %w", f.Title, err)
		}
		return Result{}, &Error{Format: f.Title, Kind: ErrDamaged, Err: err}
	}
	if err := core.CheckAccountCount(out.given); err != nil {
		return Result{}, fmt.Errorf("%s: %w", f.Title, err)
	}
	return Result{Accounts: out.accounts, Skipped: out.skipped, Format: f}, nil
}

// results collects what a reader found.
type results struct {
	accounts []core.Account
	skipped  []Skip
	given    int // accounts the reader found, valid or not
}

// add fills defaults and keeps the account if Lifeline can hold it; an
// account it cannot hold (digits 5 on TOTP, an mOTP without its PIN, a
// field over a limit: core.Account.CheckLimits) is listed as skipped with
// Validate's reason. Past core.MaxAccounts it only counts: Import then
// refuses the file.
func (r *results) add(a core.Account) {
	if r.given++; r.given > core.MaxAccounts {
		return
	}
	a.Defaults()
	if err := a.Validate(); err != nil {
		r.skip(label(&a, len(r.accounts)+len(r.skipped)), err.Error())
		return
	}
	r.accounts = append(r.accounts, a)
}

func (r *results) skip(label, reason string) {
	r.skipped = append(r.skipped, Skip{Label: label, Reason: reason})
}

// label names an entry for a message: its label, or its place in the file.
func label(a *core.Account, i int) string {
	if l := a.ShortLabel(); strings.TrimSpace(l) != "" {
		return l
	}
	return fmt.Sprintf("entry %d", i+1)
}

// passwordSource asks once and remembers, so a format with one key per entry
// (Authy) asks the person once.
type passwordSource struct {
	ask   func() (string, error)
	value string
	done  bool
}

func newPassword(ask func() (string, error)) *passwordSource { return &passwordSource{ask: ask} }

// askError carries the callback's own error (a cancel) past the readers.
type askError struct{ err error }

func (e *askError) Error() string { return "password: " + e.err.Error() }
func (e *askError) Unwrap() error { return e.err }

func (p *passwordSource) get() (string, error) {
	if p.done {
		return p.value, nil
	}
	if p.ask == nil {
		return "", &Error{Kind: ErrPasswordNeeded}
	}
	v, err := p.ask()
	if err != nil {
		return "", &askError{err}
	}
	p.value, p.done = v, true
	return v, nil
}
