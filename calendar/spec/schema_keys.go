package spec

import (
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// keyDoc is one key of the spec as docs/spec.md documents it: its table,
// its meaning (the description, word for word the "meaning" of its row in
// docs/spec.md, or the sentence under the heading of the table it opens:
// a test holds the two together) and its value as JSON Schema. A test also
// holds the keys to the checker's (Keys), and each value's type to what the
// checker takes.
type keyDoc struct {
	table    string // the path of the table holding it; "" for the top level
	key      string
	required bool
	desc     string
	value    jsonObj // the value's schema, for a key that holds a value
	def      any     // the default, where JSON can write it
	tables   string  // for a key that holds tables: their path
	many     bool    // an array of tables ([[channel]]) rather than one ([plan])
}

// topDoc describes the spec as a whole.
const topDoc = "A contentplan spec: the reference of every key is docs/spec.md."

// tableRules are the rules on a table as a whole.
var tableRules = map[string]jsonObj{
	// start and end, or quarter (docs/spec.md, [plan]).
	"plan": {"oneOf": []any{
		jsonObj{"required": []string{"start", "end"}},
		jsonObj{"required": []string{"quarter"}},
	}},
}

// schemaKeys are the keys of the spec, table by table, in the order of
// docs/spec.md.
var schemaKeys = []keyDoc{
	{table: "", key: "plan", required: true, tables: "plan",
		desc: "The plan as a whole: its title, its dates and time zone, the cap on borrowed posts, and what its outputs say."},
	{table: "", key: "channel", required: true, tables: "channel", many: true,
		desc: "One table for each place the plan publishes on: how often, when and in which formats."},
	{table: "", key: "format", tables: "format", many: true,
		desc: "A format named by a channel but not declared gets the defaults."},
	{table: "", key: "pillar", tables: "pillar", many: true,
		desc: "Content rubrics; posts rotate through them by weight."},
	{table: "", key: "goal", tables: "goal", many: true,
		desc: "The strategy behind the plan: plan from goals down (goal → 4–8 objectives → a KPI for each → actions → 2–5 metrics per action)."},
	{table: "", key: "writer", tables: "writer", many: true,
		desc: "The people who draft the posts, sharing them out within their weekly capacity."},
	{table: "", key: "campaign", tables: "campaign", many: true,
		desc: "A window of the plan with its own pillar, its own channels or extra posts."},
	{table: "", key: "date", tables: "date", many: true,
		desc: "The plan's own occasions (a launch, a company anniversary, a local festival), shown in every output beside the public holidays."},

	{table: "plan", key: "name", required: true, value: jsText(),
		desc: "the plan's title (calendar name, workbook title)"},
	{table: "plan", key: "id", value: jsPattern(`[a-z0-9-]{1,40}`),
		desc: "the plan's identity in every post id (see Post ids below): renaming a plan that has an id keeps its ids. `contentplan init` writes a random one. Without it the id is derived from the name, and every command that reads the spec warns, once, with the line to add"},
	{table: "plan", key: "start", value: jsDate(),
		desc: "first and last day, inclusive; at most 5 years apart"},
	{table: "plan", key: "end", value: jsDate(),
		desc: "first and last day, inclusive; at most 5 years apart"},
	{table: "plan", key: "quarter", value: jsPattern(`[0-9]{4}-[Qq][1-4]`),
		desc: "shorthand for start/end of that quarter"},
	{table: "plan", key: "timezone", value: jsText(), def: "UTC",
		desc: "every time in the spec and outputs is local to it"},
	{table: "plan", key: "borrowed", value: jsShare(true), def: "20%",
		desc: "cap on the share of borrowed posts; must be 20%–50%"},
	{table: "plan", key: "holidays", value: jsPattern("|" + reAnyCaseAll(calendar.Countries())),
		desc: "public holidays of that country are marked in outputs on their real dates (see Holidays below): " + strings.Join(calendar.Countries(), " ")},
	{table: "plan", key: "skip_holidays", value: jsBool(), def: false,
		desc: "also treat the days off those holidays cause (their own dates and the days off moved from them) as skipped dates"},
	{table: "plan", key: "skip", value: jsArray(jsDate(), 0, 0, false), def: []any{},
		desc: "dates with no posts"},
	{table: "plan", key: "review", value: jsChoice("monthly", "none"), def: "monthly",
		desc: "a review meeting per month, in the calendar"},
	{table: "plan", key: "currency", value: jsString(), def: "",
		desc: "label for costs (`\"RUB\"`, `\"EUR\"`); the budget is in it"},
	{table: "plan", key: "language", value: jsChoice("en", "ru", "bg"), def: "en",
		desc: "language of what the outputs say: the workbook's sheet names, headers and statuses, the briefs, the calendar's summaries and review meetings. Names from the spec are kept as written; the command line itself speaks English"},

	{table: "channel", key: "name", required: true, value: jsText(),
		desc: `e.g. "Instagram", "VK", "Telegram"`},
	{table: "channel", key: "id", value: jsString(),
		desc: "the channel's identity in its post ids: to rename a channel and keep its ids, set `id` to the old name. Unique among the channels, without regard to case (nor does case change an id)"},
	{table: "channel", key: "frequency", required: true, value: jsFrequency([]string{"daily", "weekdays"}, "day", "week", "month"),
		desc: "`\"N/day\"`, `\"N/week\"`, `\"N/month\"`, `\"daily\"` (= 1/day), `\"weekdays\"` (Monday–Friday)"},
	{table: "channel", key: "days", value: jsArray(jsWeekdays(), 1, 7, true),
		desc: "for N/week: exactly N weekdays. Full names (`\"monday\"`), and in a plan written in Russian or Bulgarian their names (`\"пн\"`..`\"вс\"`, `\"понедельник\"`..`\"воскресенье\"`; `\"пн\"`..`\"нд\"`, `\"понеделник\"`..`\"неделя\"`), are read too, in any case"},
	{table: "channel", key: "times", value: jsArray(jsPattern(`([01][0-9]|2[0-3]):[0-5][0-9]`), 1, 0, true),
		desc: "posting times; N/day needs at least N; weekly and monthly posts rotate through them"},
	{table: "channel", key: "formats", required: true, value: jsFormats(),
		desc: "which formats this channel uses, and how often"},
	{table: "channel", key: "borrowed", value: jsShare(false),
		desc: "a tighter cap for this channel: 0% to the plan's cap"},
	{table: "channel", key: "owner", value: jsString(), def: "",
		desc: "who is responsible for the channel"},
	{table: "channel", key: "limit", value: jsonObj{"type": "integer", "minimum": 1, "maximum": 1_000_000},
		desc: "the most characters of a post's copy; the workbook compares each post's copy with it. A channel of a network the table does not list has none (0) unless it sets one"},

	{table: "format", key: "name", required: true, value: jsText(),
		desc: `e.g. "reel", "carousel", "photo", "video", "text", "podcast"`},
	{table: "format", key: "duration", value: jsPattern(`[0-9]{1,6}[Hh]([0-9]{1,6}[Mm])?|[0-9]{1,6}[Mm]`), def: "30m",
		desc: "length of the calendar event"},
	{table: "format", key: "lead", value: jsPattern(`0*(0|` + reUpTo(maxLead) + `)[Dd]`), def: "3d",
		desc: "the draft is due this many days before publishing, moved back to a working day (not a weekend, a skipped date or a day off of `plan.holidays`, moved ones included)"},
	{table: "format", key: "cost", value: jsNumber(0, 0, false), def: 0,
		desc: "estimated cost of one post, in `currency` (see Budget below)"},
	{table: "format", key: "borrowable", value: jsBool(), def: true,
		desc: "can a borrowed post take this format"},

	{table: "pillar", key: "name", required: true, value: jsText(),
		desc: "the rubric, as the outputs name it"},
	{table: "pillar", key: "weight", value: jsNumber(0, 1e9, true), def: 1,
		desc: "how often posts take this pillar, against the other pillars' weights"},
	{table: "pillar", key: "objective", value: jsString(),
		desc: "the id of the objective the pillar serves"},

	{table: "goal", key: "id", value: jsText(),
		desc: "the goal's id, unique among the goals"},
	{table: "goal", key: "why", value: jsString(),
		desc: "why the plan is made: the goal in words"},
	{table: "goal", key: "owner", value: jsString(),
		desc: "who answers for the goal"},
	{table: "goal", key: "objective", tables: "goal.objective", many: true,
		desc: "The goal's objectives (4–8 by the method), each measurable: a KPI, a target, the actions that reach it and the metrics that show progress."},

	{table: "goal.objective", key: "id", value: jsText(),
		desc: "the objective's id, unique across all goals (case does not count): a pillar names the objective it serves by it"},
	{table: "goal.objective", key: "what", value: jsString(),
		desc: "what is to be achieved"},
	{table: "goal.objective", key: "kpi", value: jsString(),
		desc: "the KPI the objective is reviewed against"},
	{table: "goal.objective", key: "target", value: jsonObj{"type": []string{"string", "number"}},
		desc: "the KPI's target each month: a number (`300`, `\"40 000\"`), a percentage (`\"4%\"`) or words, shown as written (see How targets are read below)"},
	{table: "goal.objective", key: "unit", value: jsString(),
		desc: "what a number target counts, e.g. `\"followers\"`: shown after the target and the actuals"},
	{table: "goal.objective", key: "targets", value: jsArray(jsFigure(), 1, 0, false),
		desc: "one target per month of the plan, its first month first (`targets = [10000, 12000, 15000]` for a quarter): each a number or a percentage, in place of target for its month"},
	{table: "goal.objective", key: "actions", value: jsArray(jsString(), 0, 0, false),
		desc: "what is done to reach the objective"},
	{table: "goal.objective", key: "metrics", value: jsArray(jsString(), 0, 0, false),
		desc: "2–5 metrics that show progress"},

	{table: "writer", key: "name", required: true, value: jsText(),
		desc: "the writer, as the workbook and the calendar name them"},
	{table: "writer", key: "channels", value: jsArray(jsString(), 1, 0, false),
		desc: "the channels the writer takes"},
	{table: "writer", key: "capacity", value: jsFrequency(nil, "week"),
		desc: "the most posts the writer drafts in one ISO week"},

	{table: "campaign", key: "name", required: true, value: jsText(),
		desc: "the campaign; posts in its window carry it (`campaign` field)"},
	{table: "campaign", key: "start", required: true, value: jsDate(),
		desc: "the window, inclusive, inside the plan"},
	{table: "campaign", key: "end", required: true, value: jsDate(),
		desc: "the window, inclusive, inside the plan"},
	{table: "campaign", key: "channels", value: jsArray(jsString(), 1, 0, false),
		desc: "the channels it runs on"},
	{table: "campaign", key: "pillar", value: jsString(),
		desc: "posts in the window take this pillar instead of the rotation"},
	{table: "campaign", key: "extra", value: jsFrequency([]string{"daily"}, "day", "week"),
		desc: "extra posts per channel in the window, on top of the frequency"},

	{table: "date", key: "name", required: true, value: jsText(),
		desc: "the occasion, as the outputs name it"},
	{table: "date", key: "date", required: true, value: jsDate(),
		desc: "its day; one outside the plan is not shown, and the run warns"},
	{table: "date", key: "skip", value: jsBool(), def: false,
		desc: "no posts that day, as in `plan.skip`"},
	{table: "date", key: "day_off", value: jsBool(), def: false,
		desc: "not a working day: no draft is due and no review meeting is held on it"},
}

// jsFigure is a month's target: a number, or a string of one with
// groups of thousands, a decimal comma or a "%" (calendar.ParseFigure).
func jsFigure() jsonObj {
	return jsonObj{"type": []string{"number", "string"},
		"pattern": `^\s*[+-]?\s*[0-9]([0-9 ` + "\u00a0\u202f\u2009" + `_',.]*[0-9])?\s*%?\s*$`}
}

// jsFormats is channel.formats: a table of positive weights, or an array of
// names.
func jsFormats() jsonObj {
	return jsonObj{"anyOf": []any{
		jsonObj{"type": "object", "minProperties": 1, "additionalProperties": jsNumber(0, 1e9, true)},
		jsArray(jsText(), 1, 0, true),
	}}
}

// reAnyCaseAll is the alternation of words, each in any case.
func reAnyCaseAll(words []string) string {
	alts := make([]string, len(words))
	for i, w := range words {
		alts[i] = reAnyCase(w)
	}
	return strings.Join(alts, "|")
}
