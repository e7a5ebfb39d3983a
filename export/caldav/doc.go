// Package caldav keeps a CalDAV calendar collection (RFC 4791) in step
// with a plan: Sync creates, replaces and deletes the plan's own events,
// one calendar object resource each, made by export/ics, and never touches
// anyone else's (docs/sync.md). Its Client is a small WebDAV client over
// net/http whose writes are all conditional, and which reads every answer
// of the server as untrusted input, within limits. Credentials come from
// the environment or a netrc file (FindCredentials), never from the spec,
// and are never printed.
package caldav
