// Prints the public holidays npm date-holidays lists for a country and
// years as JSON: [{date: "YYYY-MM-DD", name, substitute}].
// Usage: node holidays.js COUNTRY YEAR...
const Holidays = require('date-holidays');
const [country, ...years] = process.argv.slice(2);
const hd = new Holidays(country);
const out = [];
for (const y of years) {
  for (const h of hd.getHolidays(Number(y))) {
    if (h.type !== 'public') continue;
    out.push({ date: h.date.slice(0, 10), name: h.name, substitute: !!h.substitute });
  }
}
process.stdout.write(JSON.stringify(out));
