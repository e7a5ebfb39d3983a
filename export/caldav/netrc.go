package caldav

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// The environment variables sync reads its credentials from.
const (
	EnvUsername = "CONTENTPLAN_CALDAV_USERNAME"
	EnvPassword = "CONTENTPLAN_CALDAV_PASSWORD"
)

// Credentials are what a request authenticates with (HTTP Basic, RFC
// 7617): the user name and password, and where they came from, for
// messages. They are never printed: String and GoString name only where
// they came from.
type Credentials struct {
	Username string
	Password string
	From     string // "the environment", the netrc file's path, or ""
}

// String names the credentials by where they came from.
func (c Credentials) String() string {
	if c.Username == "" && c.Password == "" {
		return "no credentials"
	}
	return "the user name and password from " + c.From
}

// GoString is String, so that %#v does not print the password either.
func (c Credentials) GoString() string { return c.String() }

// FindCredentials finds the credentials for the collection at u: the
// environment (EnvUsername, EnvPassword) first, then the entry of the
// netrc file ($NETRC, else $HOME/.netrc) for u's host, or its default
// entry. A value the environment lacks is taken from the netrc entry (when
// the environment names a user, only from an entry for that user). No
// credentials at all is not an error: some servers need none. getenv reads
// the environment.
func FindCredentials(u *url.URL, getenv func(string) string) (Credentials, error) {
	c := Credentials{Username: getenv(EnvUsername), Password: getenv(EnvPassword)}
	if c.Username != "" && c.Password != "" {
		c.From = "the environment"
		return c, nil
	}
	path := getenv("NETRC")
	if path == "" && getenv("HOME") != "" {
		path = filepath.Join(getenv("HOME"), ".netrc")
	}
	entries, err := readNetrc(path)
	if err != nil {
		return Credentials{}, err
	}
	if e, ok := netrcLookup(entries, u.Hostname(), c.Username); ok {
		if c.Username == "" && c.Password != "" {
			// The password from the environment, the user from the file.
			c.Username, c.From = e.login, "the environment and "+path
		} else {
			c.Username, c.Password, c.From = e.login, e.password, path
		}
	} else if c.Username != "" || c.Password != "" {
		c.From = "the environment"
	}
	if c.Username != "" && c.Password == "" {
		return Credentials{}, calendar.Errorf([]string{
			"set " + EnvPassword + ", or give the password in ~/.netrc: machine " + u.Hostname() + " login " + c.Username + " password …",
		}, "no password for user %q at %s", c.Username, u.Hostname())
	}
	if c.Username == "" && c.Password != "" {
		return Credentials{}, calendar.Errorf([]string{"set " + EnvUsername + " too"}, "%s is set, but no user name", EnvPassword)
	}
	return c, nil
}

// netrcEntry is a machine (or the default) entry of a netrc file.
type netrcEntry struct {
	machine   string // "" for the default entry
	login     string
	password  string
	isDefault bool
}

// maxNetrc bounds the netrc file read: a real one is a few lines.
const maxNetrc = 1 << 20

// readNetrc reads the netrc file at path; a file that is not there is no
// entries. Errors name the file and line, never a word of it: a malformed
// line may hold a password.
func readNetrc(path string) ([]netrcEntry, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseNetrc(io.LimitReader(f, maxNetrc+1), path)
}

// parseNetrc reads a netrc file as curl and inetutils' ftp do: words
// separated by white space; "machine NAME", "default", "login NAME",
// "password WORD", "account WORD", and "macdef NAME" whose macro runs to
// the next empty line; a word may be in double quotes, with \" and \\
// inside; a "#" at the start of a word comments out the rest of the line.
func parseNetrc(r io.Reader, name string) ([]netrcEntry, error) {
	t := &netrcTokens{br: bufio.NewReader(r), line: 1, name: name}
	var entries []netrcEntry
	var cur *netrcEntry
	for {
		word, line, err := t.next()
		if err == io.EOF {
			return entries, nil
		}
		if err != nil {
			return nil, err
		}
		switch word {
		case "machine", "default":
			entries = append(entries, netrcEntry{isDefault: word == "default"})
			cur = &entries[len(entries)-1]
			if word == "machine" {
				if cur.machine, err = t.value(word, line); err != nil {
					return nil, err
				}
			}
		case "login", "password", "account":
			v, err := t.value(word, line)
			if err != nil {
				return nil, err
			}
			if cur == nil {
				return nil, t.errf(line, "%s before any machine or default", word)
			}
			switch word {
			case "login":
				cur.login = v
			case "password":
				cur.password = v
			}
		case "macdef":
			if _, err := t.value(word, line); err != nil {
				return nil, err
			}
			if err := t.skipMacro(); err != nil {
				return nil, err
			}
		default:
			return nil, t.errf(line, "a word that is not machine, default, login, password, account or macdef (is a value with spaces not in quotes?)")
		}
	}
}

// netrcLookup is the entry for host (and login, when not ""): the first
// machine entry of that name, else the default entry.
func netrcLookup(entries []netrcEntry, host, login string) (netrcEntry, bool) {
	for _, wantDefault := range []bool{false, true} {
		for _, e := range entries {
			if e.isDefault != wantDefault || !e.isDefault && !strings.EqualFold(e.machine, host) {
				continue
			}
			if login == "" || e.login == login {
				return e, true
			}
		}
	}
	return netrcEntry{}, false
}

// netrcTokens splits a netrc file into words.
type netrcTokens struct {
	br   *bufio.Reader
	line int
	name string
	read int
}

func (t *netrcTokens) errf(line int, format string, args ...any) error {
	return calendar.Errorf([]string{"see the netrc format in man 5 netrc; sync reads machine, login and password"},
		"%s:%d: %s", t.name, line, fmt.Sprintf(format, args...))
}

func (t *netrcTokens) readByte() (byte, error) {
	c, err := t.br.ReadByte()
	if err != nil {
		return 0, err
	}
	if t.read++; t.read > maxNetrc {
		return 0, t.errf(t.line, "longer than %d bytes", maxNetrc)
	}
	if c == '\n' {
		t.line++
	}
	return c, nil
}

// value is the word after a keyword.
func (t *netrcTokens) value(keyword string, line int) (string, error) {
	v, _, err := t.next()
	if err == io.EOF {
		return "", t.errf(line, "%s without a value", keyword)
	}
	return v, err
}

// next is the next word and the line it starts on; io.EOF at the end.
func (t *netrcTokens) next() (string, int, error) {
	c, err := t.skipSpace()
	if err != nil {
		return "", 0, err
	}
	line := t.line
	var b strings.Builder
	if c == '"' {
		for {
			c, err := t.readByte()
			if err == io.EOF {
				return "", 0, t.errf(line, "a quoted word without its closing quote")
			}
			if err != nil {
				return "", 0, err
			}
			if c == '"' {
				return b.String(), line, nil
			}
			if c == '\\' {
				if c, err = t.readByte(); err != nil {
					return "", 0, t.errf(line, "a quoted word without its closing quote")
				}
			}
			b.WriteByte(c)
		}
	}
	b.WriteByte(c)
	for {
		c, err := t.readByte()
		if err == nil && isSpace(c) {
			// Left for skipMacro, which reads a macro from the next line.
			t.br.UnreadByte()
			t.read--
			if c == '\n' {
				t.line--
			}
			return b.String(), line, nil
		}
		if err == io.EOF {
			return b.String(), line, nil
		}
		if err != nil {
			return "", 0, err
		}
		b.WriteByte(c)
	}
}

// skipSpace reads past white space and comments to the first byte of a word.
func (t *netrcTokens) skipSpace() (byte, error) {
	for {
		c, err := t.readByte()
		if err != nil {
			return 0, err
		}
		switch {
		case isSpace(c):
		case c == '#':
			for c != '\n' {
				if c, err = t.readByte(); err != nil {
					return 0, err
				}
			}
		default:
			return c, nil
		}
	}
}

// skipMacro reads past a macro's body: up to and including an empty line.
func (t *netrcTokens) skipMacro() error {
	prev := byte('x') // the rest of the macdef line is not the body
	for {
		c, err := t.readByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if c == '\r' {
			continue
		}
		if c == '\n' && prev == '\n' {
			return nil
		}
		prev = c
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
