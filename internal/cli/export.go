package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/export/bulk"
	"github.com/contentplan/contentplan/export/xlsx"
)

type exportOptions struct {
	env       *Env
	file      string
	to        string // --to
	dir       string // -o
	dateOrder string // --date-order
	timezone  string // --timezone, "" for the plan's
	uploadAt  string // --upload-at, "" for now
	perFile   int    // --per-file, 0 for the vendor's most
}

func newExportCmd(env *Env) *cobra.Command {
	o := &exportOptions{env: env}
	cmd := &cobra.Command{
		Use:   "export --to buffer|sprout|hootsuite PLAN.xlsx [-o DIR]",
		Short: "Write the approved posts of a workbook as Buffer, Sprout Social or Hootsuite bulk-upload files",
		Long: `Write the posts of PLAN.xlsx whose Status is Approved as the CSV files the
scheduler --to names imports in bulk, one file a channel (upload each to that
channel's profile), into DIR as BASE-<scheduler>-<channel>.csv; BASE is the
workbook's file name without its extension. A channel with more posts than a
file may hold gets numbered files, BASE-<scheduler>-<channel>-1of3.csv. A
post's text is its copy, then its hashtags, then (for Buffer and Sprout
Social) its source link; Buffer's files carry its media link as the Image
URL, Hootsuite's its source link as the link. docs/bulk.md says what each
scheduler's file is, and where its help pages say so.

  buffer     header Text,Image URL,Tags,Posting Time; times YYYY-MM-DD HH:mm;
             at most 100 posts a file; the media link, if any, a direct
             link to a .jpg or .png image
  sprout     header date,time_24hr,message_text; dates as --date-order says;
             at most 350 posts a file, 10 minutes apart at least, and 10
             minutes after the upload at the soonest
  hootsuite  no header; date and time (as --date-order says), message, link;
             at most 350 posts a file, times on 5-minute steps (a time
             between them goes to the next one, and is said), one post a
             step, 10 minutes after the upload at the soonest

The times are the workbook's, in the plan's time zone, written in the zone
--timezone names: the zone the scheduler reads them in (a Buffer channel's
posting schedule, a Sprout Social or Hootsuite account's), the plan's by
default.

Every approved post that is in no file is listed on standard output with
why: no copy, a date or time that does not read, in the past or too soon
after --upload-at (default: now), text (copy, hashtags and link) over the
channel's limit, a link that is no web address, a media link Buffer cannot
take, too close to the channel's post before it. So are the times moved, and
notes (media to attach in the scheduler, text a spreadsheet would read as a
formula: upload the files as they are). Then a summary. Scheduled posts are
not exported: they are in a scheduler already. Files are written
atomically, all or none.

Exit codes: 0 every approved post is in a file; 3 an approved post was left
out (the others' files are written), or there is none to export; 2 a
workbook that is not contentplan's or is damaged, or a mistake on the
command line; 1 a file that cannot be read or written.`,
		Args: exactArgs("PLAN.xlsx"),
		RunE: runE(func(args []string) error {
			o.file = args[0]
			return runExport(o)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.to, "to", "", "the `SCHEDULER` to write files for: "+strings.Join(bulk.Names(), ", "))
	f.StringVarP(&o.dir, "output", "o", ".", "write the files into `DIR`")
	f.StringVar(&o.dateOrder, "date-order", "", "sprout and hootsuite: the `ORDER` the account reads dates in, "+bulk.DateOrders)
	f.StringVar(&o.timezone, "timezone", "", "the time `ZONE` the scheduler reads the times in (default: the plan's)")
	f.StringVar(&o.uploadAt, "upload-at", "", "when the files will be uploaded, `TIME` as YYYY-MM-DD HH:MM in the plan's zone or RFC 3339 (default: now)")
	f.IntVar(&o.perFile, "per-file", 0, "at most `N` posts a file (default: the scheduler's most)")
	cmd.RegisterFlagCompletionFunc("to", cobra.FixedCompletions(bulk.Names(), cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("date-order", cobra.FixedCompletions([]string{"dmy", "mdy"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []cobra.Completion{"xlsx"}, cobra.ShellCompDirectiveFilterFileExt
	}
	return cmd
}

// runExport reads the flags and the workbook, prints what is left out,
// moved and noted, writes the files and prints the summary; it returns a
// *brokenError when an approved post is left out or none is exported.
func runExport(o *exportOptions) error {
	opt, err := o.options()
	if err != nil {
		return err
	}
	// The reader's errors go out as they are, as check's do.
	b, err := xlsx.ReadFile(o.file)
	if err != nil {
		return err
	}
	if opt.Upload, err = o.upload(b); err != nil {
		return err
	}
	res, err := bulk.Export(b, opt)
	if err != nil {
		return err
	}
	for _, f := range res.Findings {
		fmt.Fprintln(o.env.Out, term(f.Line(b)))
	}
	if err := o.write(res); err != nil {
		return err
	}
	o.summary(b, res, opt.Vendor)
	if res.LeftOut > 0 || res.Exported == 0 {
		return &brokenError{res.LeftOut}
	}
	return nil
}

// options reads the flags, all but --upload-at, which wants the plan's
// zone: mistakes are refused before the workbook is read.
func (o *exportOptions) options() (bulk.Options, error) {
	var opt bulk.Options
	var ok bool
	if o.to == "" {
		return opt, usagef([]string{"usage: contentplan export --to " + strings.Join(bulk.Names(), "|") + " PLAN.xlsx [-o DIR]"},
			"export wants --to, the scheduler to write files for")
	}
	if opt.Vendor, ok = bulk.Lookup(o.to); !ok {
		return opt, usagef([]string{"schedulers: " + strings.Join(bulk.Names(), ", ")}, "--to %q: unknown scheduler", o.to)
	}
	rules := opt.Vendor.Rules()
	switch {
	case o.dateOrder != "" && !rules.DateOrder:
		return opt, usagef([]string{"leave --date-order out: " + opt.Vendor.Title() + "'s dates are YYYY-MM-DD"},
			"--date-order: %s takes no other order of day and month", opt.Vendor.Title())
	case rules.DateOrder && o.dateOrder == "":
		return opt, usagef([]string{"give --date-order " + bulk.DateOrders + ", as the account's settings say: 03/04 is 3 April in one and March 4 in the other"},
			"--to %s wants --date-order: %s reads dates in the order its account is set to", opt.Vendor.Name(), opt.Vendor.Title())
	case rules.DateOrder:
		if opt.DateOrder, ok = bulk.ParseDateOrder(o.dateOrder); !ok {
			return opt, usagef([]string{"give " + bulk.DateOrders}, "--date-order %q: unknown order", o.dateOrder)
		}
	}
	if o.perFile < 0 || o.perFile > rules.MaxRows {
		return opt, usagef([]string{fmt.Sprintf("give 1 to %d, or leave --per-file out for %d", rules.MaxRows, rules.MaxRows)},
			"--per-file %d: %s takes 1 to %d posts a file", o.perFile, opt.Vendor.Title(), rules.MaxRows)
	}
	opt.PerFile = o.perFile
	if o.timezone != "" {
		loc, err := time.LoadLocation(o.timezone)
		if err != nil || strings.EqualFold(o.timezone, "local") {
			return opt, usagef([]string{"give an IANA zone name, e.g. Europe/Moscow or America/New_York, as the scheduler's settings show it"},
				"--timezone %q: unknown time zone", o.timezone)
		}
		opt.Zone = loc
	}
	if _, err := parseUploadAt(o.uploadAt, time.UTC); err != nil {
		return opt, err
	}
	return opt, nil
}

// upload is --upload-at, read in the plan's zone, or now.
func (o *exportOptions) upload(b *xlsx.Workbook) (time.Time, error) {
	if o.uploadAt == "" {
		return o.env.Now(), nil
	}
	loc, err := time.LoadLocation(b.Timezone)
	if err != nil {
		loc = time.UTC // bulk.Export says the zone is unknown
	}
	return parseUploadAt(o.uploadAt, loc)
}

// uploadLayouts are the forms --upload-at takes, the last with its zone.
var uploadLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", time.RFC3339}

// parseUploadAt reads --upload-at: a wall-clock time in loc (read as rule
// 8 reads the plan's times), or an RFC 3339 time with its offset.
func parseUploadAt(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	s = strings.TrimSpace(s)
	for i, l := range uploadLayouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		if i == len(uploadLayouts)-1 {
			return t, nil
		}
		at, _ := calendar.ReadWall(loc, calendar.DateOf(t), calendar.Clock(t.Hour()*60+t.Minute()))
		return at, nil
	}
	return time.Time{}, usagef([]string{"give the time as YYYY-MM-DD HH:MM in the plan's time zone (--upload-at '2027-01-04 09:00'), or as RFC 3339 (2027-01-04T09:00:00+03:00)"},
		"--upload-at %q: not a time", s)
}

// write writes the files into the output folder, all or none.
func (o *exportOptions) write(res *bulk.Result) error {
	if len(res.Files) == 0 {
		return nil
	}
	base := strings.TrimSuffix(filepath.Base(o.file), filepath.Ext(o.file))
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	files := make([]export.File, len(res.Files))
	for i := range res.Files {
		f := &res.Files[i]
		path := filepath.Join(o.dir, base+f.Suffix)
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			return fmt.Errorf("write %s: a folder of that name is in the way", path)
		}
		files[i] = export.File{Path: path, Write: f.Write}
	}
	ctx, stop := interruptContext(context.Background())
	defer stop()
	if err := writeFiles(ctx, files); err != nil {
		return err
	}
	for i, f := range files {
		fmt.Fprintf(o.env.Out, "wrote %s (%s)\n", term(f.Path), plural(len(res.Files[i].Posts), "post"))
	}
	return nil
}

// summary prints the counts: `115 of 120 approved posts exported for
// Buffer in 3 files; 5 left out; 2 moved; 60 posts not approved (3 of them
// scheduled)`.
func (o *exportOptions) summary(b *xlsx.Workbook, res *bulk.Result, v bulk.Vendor) {
	w := o.env.Out
	if res.Approved == 0 {
		fmt.Fprintf(w, "no approved post among the %s of %s: nothing written\n", plural(res.Others, "post"), term(b.File))
		fmt.Fprintln(o.env.ErrOut, "hint: set a post's Status to Approved in the workbook once its copy is final, then export again")
		return
	}
	others := ""
	if res.Others > 0 {
		others = "; " + plural(res.Others, "post") + " not approved"
		if res.Scheduled > 0 {
			others += fmt.Sprintf(" (%d of them scheduled)", res.Scheduled)
		}
	}
	line := fmt.Sprintf("%d of %s exported for %s in %s", res.Exported, plural(res.Approved, "approved post"), v.Title(), plural(len(res.Files), "file"))
	if res.LeftOut > 0 {
		line += fmt.Sprintf("; %d left out", res.LeftOut)
	}
	if res.Moved > 0 {
		line += fmt.Sprintf("; %d moved", res.Moved)
	}
	fmt.Fprintln(w, line+others)
}
