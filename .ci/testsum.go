// Command testsum reads `go test -json` on stdin and prints what a person reading a CI log
// needs, the way plain `go test` would: one line per package, the whole output of each
// failed test, each skipped test with its reason, build errors as they come, and at the end
//
//	tests: N passed, N failed, N skipped
//
// counting subtests too. With -counts FILE it also writes "passed failed skipped" to FILE
// for .ci/test's grand total. It exits 1 when anything failed, including a package that
// failed without a failed test (a build error, a panic in TestMain, a timeout).
//
// It lives in .ci/, which ./... skips; .ci/test builds it with `go build .ci/testsum.go`.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json), with the fields we use.
type event struct {
	Action     string
	Package    string
	Test       string
	Output     string
	ImportPath string // build-output events name the package here
}

type summary struct {
	out                     io.Writer
	passed, failed, skipped int
	buf                     map[string][]string // output so far of tests still running, by package+test
	pkgFailedTests          map[string]int
}

func main() {
	countsFile := flag.String("counts", "", "write `passed failed skipped` to this file")
	flag.Parse()

	s := &summary{out: os.Stdout, buf: map[string][]string{}, pkgFailedTests: map[string]int{}}
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20) // a test may print very long lines
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			// Not JSON: go itself printing (e.g. "go: downloading ..."); pass it through.
			fmt.Fprintln(s.out, sc.Text())
			continue
		}
		s.handle(e)
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "testsum: failed to read go test output: %v\n", err)
		s.failed++
	}

	fmt.Fprintf(s.out, "tests: %d passed, %d failed, %d skipped\n", s.passed, s.failed, s.skipped)
	if *countsFile != "" {
		counts := fmt.Sprintf("%d %d %d\n", s.passed, s.failed, s.skipped)
		if err := os.WriteFile(*countsFile, []byte(counts), 0o600); err != nil {
			fmt.Fprintf(os.Stderr, "testsum: failed to write counts: %v\n", err)
			os.Exit(1)
		}
	}
	if s.failed > 0 {
		os.Exit(1)
	}
}

func (s *summary) handle(e event) {
	key := e.Package + "\x00" + e.Test
	switch e.Action {
	case "build-output":
		fmt.Fprint(s.out, e.Output) // compiler errors: show at once
	case "output":
		s.buf[key] = append(s.buf[key], e.Output)
	case "pass", "skip":
		if e.Test == "" {
			s.packageDone(e, false)
			return
		}
		if e.Action == "pass" {
			s.passed++
		} else {
			s.skipped++
			s.print(key) // "--- SKIP" and the reason given to t.Skip
		}
		delete(s.buf, key)
	case "fail":
		if e.Test == "" {
			s.packageDone(e, true)
			return
		}
		s.failed++
		s.pkgFailedTests[e.Package]++
		s.print(key)
		delete(s.buf, key)
	}
}

// packageDone prints the package's own lines ("ok ..." or "FAIL ..." and, when it failed,
// whatever it printed outside any test, such as a panic or a timeout's goroutine dump).
func (s *summary) packageDone(e event, failed bool) {
	prefix := e.Package + "\x00"
	// Tests that never ended were cut short by a panic or the timeout: they failed.
	for key := range s.buf {
		if key != prefix && strings.HasPrefix(key, prefix) {
			if failed {
				s.failed++
				s.pkgFailedTests[e.Package]++
				s.print(key)
			}
			delete(s.buf, key)
		}
	}
	if failed && s.pkgFailedTests[e.Package] == 0 {
		s.failed++ // the package failed as a whole: count it so the total is never "0 failed"
	}
	for _, line := range s.buf[prefix] {
		if failed || strings.HasPrefix(line, "ok ") || strings.HasPrefix(line, "?") {
			if !noise(line) {
				fmt.Fprint(s.out, line)
			}
		}
	}
	delete(s.buf, prefix)
}

func (s *summary) print(key string) {
	for _, line := range s.buf[key] {
		if !noise(line) {
			fmt.Fprint(s.out, line)
		}
	}
}

// noise is what -json adds over plain go test: the progress markers of the verbose mode.
func noise(line string) bool {
	for _, p := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return line == "PASS\n"
}
