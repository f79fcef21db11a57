package kernels_test

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The documentation a user meets is held to the code here: the README's API
// block lists exactly the exported API with its signatures, every name the
// README calls exists, and every exported name has a runnable Example.

// exportedAPI parses the package's non-test files (every build tag: the
// exported API is the same on every platform) and returns its exported
// declarations as one-line signatures, keyed by name ("ReLU",
// "Parallel.Close"): "func ReLU(dst, src []float32)", "type Activation",
// "const DefaultLeakyReLUAlpha = 0.01".
func exportedAPI(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	api := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				key := d.Name.Name
				if d.Recv != nil {
					recv := receiverType(d.Recv.List[0].Type)
					if !token.IsExported(recv) {
						continue
					}
					key = recv + "." + key
				}
				api[key] = oneLine(t, fset, &ast.FuncDecl{Recv: d.Recv, Name: d.Name, Type: d.Type})
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							api[s.Name.Name] = "type " + s.Name.Name
						}
					case *ast.ValueSpec:
						for i, n := range s.Names {
							if !n.IsExported() {
								continue
							}
							sig := d.Tok.String() + " " + n.Name
							if s.Type != nil {
								sig += " " + oneLine(t, fset, s.Type)
							}
							if i < len(s.Values) {
								sig += " = " + oneLine(t, fset, s.Values[i])
							}
							api[n.Name] = sig
						}
					}
				}
			}
		}
	}
	return api
}

// receiverType returns the name of a method's receiver type, T or *T.
func receiverType(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

var spaces = regexp.MustCompile(`\s+`)

func oneLine(t *testing.T, fset *token.FileSet, n any) string {
	t.Helper()
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, n); err != nil {
		t.Fatal(err)
	}
	return spaces.ReplaceAllString(strings.TrimSpace(b.String()), " ")
}

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readmeAPIBlock returns the lines of the first ```go block after the
// README's "## API" heading.
func readmeAPIBlock(t *testing.T) []string {
	t.Helper()
	text := readme(t)
	_, after, ok := strings.Cut(text, "\n## API\n")
	if !ok {
		t.Fatal(`README.md has no "## API" section`)
	}
	_, after, ok = strings.Cut(after, "```go\n")
	if !ok {
		t.Fatal("README.md's API section has no ```go block")
	}
	block, _, ok := strings.Cut(after, "\n```")
	if !ok {
		t.Fatal("README.md's API block is not closed")
	}
	return strings.Split(block, "\n")
}

// TestREADMEAPI: the README's API block lists every exported declaration of
// the package, with the signature the code has, and nothing else.
func TestREADMEAPI(t *testing.T) {
	api := exportedAPI(t)
	if len(api) == 0 {
		t.Fatal("no exported declarations found")
	}
	listed := map[string]string{} // name -> signature as the README writes it
	for i, line := range readmeAPIBlock(t) {
		if c := strings.Index(line, "//"); c >= 0 {
			line = line[:c]
		}
		line = spaces.ReplaceAllString(strings.TrimSpace(line), " ")
		var name string
		switch {
		case line == "":
			continue
		case line == `import "github.com/fastrelu/fastrelu/kernels"`:
			continue
		case strings.HasPrefix(line, "func ("):
			_, rest, _ := strings.Cut(line, ")")
			recv := strings.Fields(line[len("func ("):strings.Index(line, ")")])
			fn, _, _ := strings.Cut(strings.TrimSpace(rest), "(")
			if len(recv) != 2 {
				t.Errorf("README API line %d: %q: a method's receiver is written (v T) or (v *T)", i+1, line)
				continue
			}
			name = strings.TrimPrefix(recv[1], "*") + "." + fn
		case strings.HasPrefix(line, "func "):
			name, _, _ = strings.Cut(strings.TrimPrefix(line, "func "), "(")
		case strings.HasPrefix(line, "type "), strings.HasPrefix(line, "const "), strings.HasPrefix(line, "var "):
			name = strings.Fields(line)[1]
		default:
			t.Errorf("README API line %d: %q is neither a declaration nor a comment", i+1, line)
			continue
		}
		if _, dup := listed[name]; dup {
			t.Errorf("README API: %s is listed twice", name)
		}
		listed[name] = line
	}
	for _, name := range slices.Sorted(maps.Keys(api)) {
		got, ok := listed[name]
		switch {
		case !ok:
			t.Errorf("README API block lacks %s; add:\n\t%s", name, api[name])
		case got != api[name]:
			t.Errorf("README API block has\n\t%s\nbut the code has\n\t%s", got, api[name])
		}
	}
	for _, name := range slices.Sorted(maps.Keys(listed)) {
		if _, ok := api[name]; !ok {
			t.Errorf("README API block lists %s, which the package does not export: %s", name, listed[name])
		}
	}
}

// TestREADMENames: every kernels.Name the README mentions, in prose or in a
// snippet, is an exported name of the package.
func TestREADMENames(t *testing.T) {
	api := exportedAPI(t)
	for _, m := range regexp.MustCompile(`\bkernels\.([A-Za-z_]\w*)`).FindAllStringSubmatch(readme(t), -1) {
		if _, ok := api[m[1]]; !ok {
			t.Errorf("README.md mentions kernels.%s, which the package does not export", m[1])
		}
	}
}

// TestExampleCoverage: every exported function and type has a runnable
// Example of its own name (ExampleReLU, ExampleParallel), every exported
// method is shown by one (ExampleActivation_String, or a call v.Method(...)
// in any Example), and every Example has an Output comment, so go test
// checks what it prints.
func TestExampleCoverage(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name.Name == "kernels_test" {
			parsed = append(parsed, f)
		}
	}
	examples := map[string]bool{}
	called := map[string]bool{} // method names called on a value, not on the package
	hasPackageExample := false
	for _, ex := range doc.Examples(parsed...) {
		if ex.Output == "" && !ex.EmptyOutput {
			t.Errorf("Example %q has no // Output: comment, so go test does not run it", ex.Name)
		}
		if ex.Name == "" {
			hasPackageExample = true
		}
		name := ex.Name // "BiasReLU", "Parallel_layer", "Activation_String"
		if i := strings.LastIndex(name, "_"); i >= 0 && i+1 < len(name) && !token.IsExported(name[i+1:]) {
			name = name[:i] // a suffix: ExampleParallel_layer shows Parallel
		}
		examples[name] = true
		ast.Inspect(ex.Code, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if s, ok := c.Fun.(*ast.SelectorExpr); ok {
					if id, ok := s.X.(*ast.Ident); !ok || id.Name != "kernels" {
						called[s.Sel.Name] = true
					}
				}
			}
			return true
		})
	}
	if !hasPackageExample {
		t.Error("the package has no package-level Example")
	}
	api := exportedAPI(t)
	for _, name := range slices.Sorted(maps.Keys(api)) {
		typ, method, isMethod := strings.Cut(name, ".")
		switch {
		case strings.HasPrefix(api[name], "const "), strings.HasPrefix(api[name], "var "):
			// go doc attaches no Example to a constant.
		case isMethod:
			if !examples[typ+"_"+method] && !called[method] {
				t.Errorf("no Example shows %s: add Example%s_%s or call it in an Example", name, typ, method)
			}
		default:
			if !examples[name] {
				t.Errorf("%s has no Example%s", name, name)
			}
		}
	}
}
