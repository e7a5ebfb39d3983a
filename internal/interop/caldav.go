package interop

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Radicale returns radicale, a CalDAV server (Debian: radicale).
func Radicale(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("radicale")
	if err != nil {
		missing(t, "radicale is not installed (Debian: radicale)")
	}
	return p
}

// Xandikos returns xandikos, a CalDAV server (Debian: xandikos).
func Xandikos(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("xandikos")
	if err != nil {
		missing(t, "xandikos is not installed (Debian: xandikos)")
	}
	return p
}

// CalDAVServer is a CalDAV server that a test started on 127.0.0.1, with
// its storage in a temporary folder; it is stopped when the test ends.
type CalDAVServer struct {
	Name string // "radicale" or "xandikos"
	Root string // its URL, "http://127.0.0.1:PORT"
	// User and Password are what it wants ("" when it wants nothing); Home
	// is the user's folder, where NewCalendar makes calendars.
	User, Password string
	Home           string
	out            *syncBuffer
}

// StartRadicale starts radicale; with password set it wants the user
// "alice" with that password (HTTP Basic, an htpasswd file), else no
// credentials at all.
func StartRadicale(t testing.TB, password string) *CalDAVServer {
	t.Helper()
	prog := Radicale(t)
	dir := t.TempDir()
	auth := "type = none\n"
	s := &CalDAVServer{Name: "radicale", Home: "/alice/"}
	if password != "" {
		s.User, s.Password = "alice", password
		if err := os.WriteFile(filepath.Join(dir, "users"), []byte("alice:"+password+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		auth = "type = htpasswd\nhtpasswd_filename = " + filepath.Join(dir, "users") + "\nhtpasswd_encryption = plain\n"
	}
	return s.start(t, func(port int) *exec.Cmd {
		conf := filepath.Join(dir, "config")
		text := "[server]\nhosts = 127.0.0.1:" + strconv.Itoa(port) + "\n[auth]\n" + auth +
			"[storage]\nfilesystem_folder = " + filepath.Join(dir, "collections") + "\n[logging]\nlevel = warning\n"
		if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return exec.Command(prog, "--config", conf)
	})
}

// StartXandikos starts xandikos, which wants no credentials.
func StartXandikos(t testing.TB) *CalDAVServer {
	t.Helper()
	prog := Xandikos(t)
	dir := t.TempDir()
	s := &CalDAVServer{Name: "xandikos", Home: "/user/calendars/"}
	return s.start(t, func(port int) *exec.Cmd {
		return exec.Command(prog, "--defaults", "-d", filepath.Join(dir, "store"), "-l", "127.0.0.1", "-p", strconv.Itoa(port))
	})
}

// start runs the server on a free port (trying another should it be taken
// meanwhile) and waits until it answers.
func (s *CalDAVServer) start(t testing.TB, command func(port int) *exec.Cmd) *CalDAVServer {
	t.Helper()
	for try := 0; try < 3; try++ {
		port := freePort(t)
		cmd := command(port)
		s.out = &syncBuffer{}
		cmd.Stdout, cmd.Stderr = s.out, s.out
		if err := cmd.Start(); err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		t.Cleanup(func() {
			cmd.Process.Kill()
			<-exited
		})
		s.Root = "http://127.0.0.1:" + strconv.Itoa(port)
		if s.wait(exited) {
			return s
		}
	}
	t.Fatalf("%s did not start:\n%s", s.Name, s.out.String())
	return nil
}

// wait waits for the server to answer HTTP; false if it exits first.
func (s *CalDAVServer) wait(exited <-chan struct{}) bool {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return false
		default:
		}
		resp, err := http.Get(s.Root + "/")
		if err == nil {
			resp.Body.Close()
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Log is what the server printed so far.
func (s *CalDAVServer) Log() string { return s.out.String() }

// NewCalendar makes a calendar collection named name in the user's
// folder (MKCALENDAR, RFC 4791 5.3.1) and returns its URL.
func (s *CalDAVServer) NewCalendar(t testing.TB, name string) string {
	t.Helper()
	if s.Name == "radicale" {
		// Radicale keeps a user's calendars in a plain collection.
		s.request(t, "MKCOL", s.Root+s.Home, http.StatusCreated, http.StatusMethodNotAllowed, http.StatusConflict)
	}
	u := s.Root + s.Home + name + "/"
	s.request(t, "MKCALENDAR", u, http.StatusCreated)
	return u
}

func (s *CalDAVServer) request(t testing.TB, method, url string, ok ...int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.User != "" {
		req.SetBasicAuth(s.User, s.Password)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	resp.Body.Close()
	for _, code := range ok {
		if resp.StatusCode == code {
			return
		}
	}
	t.Fatalf("%s %s: %s\n%s", method, url, resp.Status, s.Log())
}

// String names the server for messages.
func (s *CalDAVServer) String() string { return fmt.Sprintf("%s at %s", s.Name, s.Root) }

// syncBuffer is a bytes.Buffer that a process writes to while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.TrimSpace(b.b.String())
}
