// Times in the reader's time zone and language on the pages the server renders (the status
// board): the server writes UTC, the zone it knows; this rewrites each <time datetime> as
// "Dec 7, 2026, 1:46 AM" / "2026年12月7日 08:46" in the browser's zone, and keeps the UTC text
// as its title. Without scripts the UTC text stays, said to be UTC.
const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});
for (const time of document.querySelectorAll("time[datetime]")) {
  const at = new Date(time.dateTime);
  if (!Number.isNaN(at.getTime())) {
    time.title = time.textContent;
    time.textContent = format.format(at);
  }
}
