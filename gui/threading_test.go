package gui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResultsComeBackThroughDo keeps doc.go's threading rule true: no file
// of the package but app.go (where u.do is made) calls fyne.Do or
// fyne.DoAndWait, and every timer hands its work to u.do.
func TestResultsComeBackThroughDo(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "app.go" {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range threadProblems(t, name, string(src)) {
			t.Error(p)
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("checked only %d files: is the test running in the package folder?", checked)
	}
}

// The check itself finds what it should, and lets the right shapes pass.
func TestThreadProblems(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		bad        bool
	}{
		{"fyne.Do", `fyne.Do(func() {})`, true},
		{"fyne.DoAndWait", `fyne.DoAndWait(f)`, true},
		{"fyne.Do as a value", `u.do = fyne.Do`, true},
		{"timer without u.do", `u.clock.AfterFunc(d, func() { u.lock() })`, true},
		{"timer doing more than u.do", `time.AfterFunc(d, func() { x(); u.do(f) })`, true},
		{"timer with a named func", `time.AfterFunc(d, u.lock)`, true},
		{"u.do", `u.do(func() {})`, false},
		{"u.after", `u.after(d, func() { u.lock() })`, false},
		{"timer through u.do", `time.AfterFunc(d, func() { u.do(u.onDiskChanged) })`, false},
		{"a screen's u.do", `s.u.do(func() {})`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package gui\nfunc f() {\n" + tc.body + "\n}\n"
			got := threadProblems(t, "x.go", src)
			if bad := len(got) > 0; bad != tc.bad {
				t.Errorf("%s: problems %v, want bad=%v", tc.body, got, tc.bad)
			}
		})
	}
}

// threadProblems lists the calls in src that bypass u.do.
func threadProblems(t *testing.T, name, src string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && x.Name == "fyne" && (n.Sel.Name == "Do" || n.Sel.Name == "DoAndWait") {
				out = append(out, fset.Position(n.Pos()).String()+": fyne."+n.Sel.Name+" outside app.go; use u.do")
			}
		case *ast.CallExpr:
			if s, ok := n.Fun.(*ast.SelectorExpr); ok && s.Sel.Name == "AfterFunc" && !callsOnlyDo(n.Args[len(n.Args)-1]) {
				out = append(out, fset.Position(n.Pos()).String()+": a timer that does not hand its work to u.do; use u.after")
			}
		}
		return true
	})
	return out
}

// callsOnlyDo reports whether fn is func() { <x>.do(...) }.
func callsOnlyDo(fn ast.Expr) bool {
	lit, ok := fn.(*ast.FuncLit)
	if !ok || len(lit.Body.List) != 1 {
		return false
	}
	st, ok := lit.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := st.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	s, ok := call.Fun.(*ast.SelectorExpr)
	return ok && s.Sel.Name == "do"
}
