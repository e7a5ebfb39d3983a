package html

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
	"time"
)

// browser drives a headless Chromium over the Chrome DevTools Protocol on
// the pipe that --remote-debugging-pipe opens (file descriptors 3 and 4,
// messages of JSON ended by a NUL byte): enough of the protocol to open a
// page, evaluate script in it, emulate a screen and take pictures, with no
// dependency beyond the standard library.
type browser struct {
	t       testing.TB
	cmd     *exec.Cmd
	in      *os.File // Chromium reads commands here
	msgs    chan cdpMessage
	id      int
	session string
	pending []cdpMessage // events read while waiting for a response
}

type cdpMessage struct {
	ID     int             `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
}

// startBrowser starts chromium and opens a blank tab to drive.
func startBrowser(t testing.TB, chromium string) *browser {
	t.Helper()
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(chromium, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
		"--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
		"--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{cmdR, outW} // fds 3 and 4
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmdR.Close()
	outW.Close()
	b := &browser{t: t, cmd: cmd, in: cmdW, msgs: make(chan cdpMessage, 64)}
	go b.read(outR)
	t.Cleanup(b.close)
	var target struct{ TargetID string }
	b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct{ SessionID string }
	b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	b.do("Page.enable", nil, nil)
	return b
}

func (b *browser) read(r *os.File) {
	defer close(b.msgs)
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		line, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(line[:len(line)-1], &m) == nil {
			b.msgs <- m
		}
	}
}

func (b *browser) close() {
	b.in.Write([]byte(`{"id":999999,"method":"Browser.close"}` + "\x00"))
	b.in.Close()
	done := make(chan struct{})
	go func() { b.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		b.cmd.Process.Kill()
		<-done
	}
}

// next is the next message from Chromium, failing the test after a
// minute of silence.
func (b *browser) next() cdpMessage {
	b.t.Helper()
	select {
	case m, ok := <-b.msgs:
		if !ok {
			b.t.Fatal("chromium closed the pipe")
		}
		return m
	case <-time.After(time.Minute):
		b.t.Fatal("chromium: no answer in a minute")
	}
	return cdpMessage{}
}

// call sends a command (to the browser, or to the tab of session) and
// decodes its result into result.
func (b *browser) call(session, method string, params, result any) {
	b.t.Helper()
	b.id++
	msg := map[string]any{"id": b.id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, _ := json.Marshal(msg)
	if _, err := b.in.Write(append(data, 0)); err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
	for {
		m := b.next()
		if m.ID != b.id {
			if m.Method != "" {
				b.pending = append(b.pending, m)
			}
			continue
		}
		if m.Error != nil {
			b.t.Fatalf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				b.t.Fatalf("%s: %v", method, err)
			}
		}
		return
	}
}

// do sends a command to the tab.
func (b *browser) do(method string, params, result any) {
	b.t.Helper()
	b.call(b.session, method, params, result)
}

// wait waits for the tab's event called method.
func (b *browser) wait(method string) {
	b.t.Helper()
	for i, m := range b.pending {
		if m.Method == method && m.SessionID == b.session {
			b.pending = append(b.pending[:i], b.pending[i+1:]...)
			return
		}
	}
	b.pending = nil
	for {
		if m := b.next(); m.Method == method && m.SessionID == b.session {
			return
		}
	}
}

// open loads url in the tab and waits for its load event.
func (b *browser) open(url string) {
	b.t.Helper()
	b.pending = nil
	b.do("Page.navigate", map[string]any{"url": url}, nil)
	b.wait("Page.loadEventFired")
}

// eval evaluates a script expression in the page and decodes its value
// into out (nil to ignore it).
func (b *browser) eval(expr string, out any) {
	b.t.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	b.do("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
	if r.ExceptionDetails != nil {
		b.t.Fatalf("%s: %s %s", expr, r.ExceptionDetails.Text, r.ExceptionDetails.Exception.Description)
	}
	if out != nil {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			b.t.Fatalf("%s: %v (value %s)", expr, err, r.Result.Value)
		}
	}
}

// screen sets the viewport's size and the colour scheme the page sees.
func (b *browser) screen(width, height int, mobile bool, scheme string) {
	b.t.Helper()
	b.do("Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height,
		"deviceScaleFactor": 1, "mobile": mobile}, nil)
	b.do("Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{
		{"name": "prefers-color-scheme", "value": scheme}}}, nil)
}

// shot takes a PNG of the page, from y down height pixels of its full
// length (height 0: to the end).
func (b *browser) shot(path string, y, width, height int) {
	b.t.Helper()
	params := map[string]any{"format": "png", "captureBeyondViewport": true}
	if height > 0 {
		params["clip"] = map[string]any{"x": 0, "y": y, "width": width, "height": height, "scale": 1}
	}
	var r struct{ Data string }
	b.do("Page.captureScreenshot", params, &r)
	b.save(path, r.Data)
}

// pdf prints the page (print media, backgrounds on) to path.
func (b *browser) pdf(path string) {
	b.t.Helper()
	var r struct{ Data string }
	b.do("Page.printToPDF", map[string]any{"printBackground": true, "preferCSSPageSize": true}, &r)
	b.save(path, r.Data)
}

func (b *browser) save(path, data string) {
	b.t.Helper()
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil || len(raw) == 0 {
		b.t.Fatalf("%s: %v (%d bytes)", path, err, len(raw))
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// jsString quotes s for a script expression.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
