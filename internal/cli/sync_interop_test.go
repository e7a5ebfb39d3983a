package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/internal/interop"
)

// TestSyncRadicale runs sync as a user does, against Radicale wanting a
// password: a wrong one is exit 1 with the server's answer and never the
// password; the right one from ~/.netrc; a dry run, a sync, and a sync
// after someone edited an event in the calendar (exit 1, the event named).
func TestSyncRadicale(t *testing.T) {
	const password, wrong = "c0rrect-horse", "wr0ng-battery"
	srv := interop.StartRadicale(t, password)
	py := interop.Python(t, "caldav")
	cal := srv.NewCalendar(t, "plan")
	spec := filepath.Join("..", "..", "export", "caldav", "testdata", "v1.toml")
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, ".netrc"), []byte("machine 127.0.0.1 login alice password "+password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	noSecret := func(what, out string) {
		t.Helper()
		if strings.Contains(out, password) || strings.Contains(out, wrong) {
			t.Errorf("%s: a password is printed:\n%s", what, out)
		}
	}

	env := map[string]string{"CONTENTPLAN_CALDAV_USERNAME": "alice", "CONTENTPLAN_CALDAV_PASSWORD": wrong, "HOME": home}
	code, stdout, stderr := run(t, "", env, "sync", spec, "--to", cal)
	noSecret("wrong password", stdout+stderr)
	if code != 1 || !strings.Contains(stderr, "error: PROPFIND "+cal+": 401 Unauthorized") ||
		!strings.Contains(stderr, "hint: the server refused the user name and password from the environment: check the user name and password") {
		t.Fatalf("wrong password: exit %d\n%s", code, stderr)
	}

	env = map[string]string{"HOME": home}
	code, stdout, stderr = run(t, "", env, "sync", spec, "--to", cal, "--dry-run")
	noSecret("dry run", stdout+stderr)
	creates := regexp.MustCompile(`(?m)^create [a-z0-9-]+@contentplan  2027-01-\d\d \d\d:\d\d .+$`).FindAllString(stdout, -1)
	if code != 0 || len(creates) == 0 || !strings.Contains(stdout, "would create "+itoa(len(creates))+", update 0, delete 0; 0 unchanged\n") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, stdout, stderr)
	}

	code, stdout, stderr = run(t, "", env, "sync", spec, "--to", cal)
	if code != 0 || !strings.HasSuffix(stdout, "("+cal+"): "+itoa(len(creates))+" created, 0 updated, 0 deleted, 0 unchanged\n") || stderr != "" {
		t.Fatalf("sync: exit %d\n%s\n%s", code, stdout, stderr)
	}

	uid := strings.Fields(creates[0])[1]
	cmd := exec.Command(py, filepath.Join(interop.Dir(), "caldav_client.py"), "edit", cal, uid, "Moved by hand")
	cmd.Env = append(os.Environ(), "CALDAV_USER=alice", "CALDAV_PASSWORD="+password)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("caldav_client.py edit: %v\n%s", err, out)
	}
	code, stdout, stderr = run(t, "", env, "sync", spec, "--to", cal)
	want := []string{
		"error: event " + uid + " (",
		"Moved by hand): edited on the server since sync wrote it: left as it is\n",
		"error: 1 event not in step with the plan\n",
		"hint: an event edited on the server is left as it is: to have the plan's version back, delete it in the calendar and sync again\n",
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("after an edit: stderr lacks %q", w)
		}
	}
	if code != 1 || !strings.HasSuffix(stdout, ": 0 created, 0 updated, 0 deleted, "+itoa(len(creates)-1)+" unchanged\n") {
		t.Errorf("after an edit: exit %d\n%s\n%s", code, stdout, stderr)
	}
}
