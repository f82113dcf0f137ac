// The onboarding chat page's live updates (served from our origin; the CSP allows nothing else).
// An EventSource on the page's same-origin /web stream (the HttpOnly session cookie signs it in; a
// reconnect resumes with Last-Event-ID by itself). Untrusted text (crawled URLs, model output) is only
// ever set with textContent. Once the session settles after a change to the cards, the page reloads
// and the server renders them (the page works without this script, too).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("chat");
  if (!root || !window.EventSource) { return; }
  var cardEvents = (root.dataset.cardEvents || "").split(" ");
  var transcript = document.getElementById("transcript");
  var live = document.getElementById("live");
  var changed = false;
  var kinds = ["status", "crawl_progress", "crawl_done", "brand_twin", "contract_draft", "questions",
               "correction_applied", "message", "contract_accepted", "failed"];

  function setText(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = String(value); }
  }

  function describe(kind, data) {
    if (kind === "status" || kind === "message") { return String(data.message || data.text || data.status || ""); }
    if (kind === "crawl_progress") {
      return "Read " + data.pages_fetched + " pages (" + data.pages_skipped + " skipped, " + data.pages_failed + " failed)";
    }
    if (kind === "crawl_done") { return "Finished reading the site"; }
    if (kind === "brand_twin") { return "Found " + (data.facts || []).length + " facts about " + data.name; }
    if (kind === "contract_draft") { return "Drafted a contract card"; }
    if (kind === "questions") { return (data.questions || []).length + " questions for you"; }
    if (kind === "correction_applied") { return "Correction applied: " + String(data.kind).replace(/_/g, " "); }
    if (kind === "contract_accepted") { return "Contract accepted in " + data.mode + " mode"; }
    if (kind === "failed") { return "Failed: " + String(data.message || ""); }
    return kind;
  }

  function onEvent(kind, event) {
    var data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    if (kind === "crawl_progress") {
      setText("pages-fetched", data.pages_fetched);
      setText("pages-skipped", data.pages_skipped);
      setText("pages-failed", data.pages_failed);
      setText("last-url", data.last_url || "—");
    }
    if (kind === "status" && data.status) { setText("status", String(data.status).replace(/_/g, " ")); }
    if (cardEvents.indexOf(kind) >= 0) { changed = true; }
    var li = document.createElement("li");
    li.className = "event event-" + kind;
    li.dataset.seq = event.lastEventId;
    li.textContent = describe(kind, data);
    transcript.appendChild(li);
  }

  var url = root.dataset.eventsUrl + "?after=" + encodeURIComponent(root.dataset.lastEventId || "0");
  var source = new EventSource(url);
  kinds.forEach(function (kind) {
    source.addEventListener(kind, function (event) { onEvent(kind, event); });
  });
  source.addEventListener("stream_end", function (event) {
    var data = {};
    try { data = JSON.parse(event.data); } catch (e) { data = {}; }
    if (data.reason !== "settled") { return; }  // a time limit: EventSource reconnects and resumes
    source.close();
    live.textContent = "";
    if (changed) { window.location.reload(); }
  });
  source.addEventListener("open", function () { live.textContent = "(live)"; });
  source.addEventListener("error", function () {
    if (source.readyState === EventSource.CLOSED) { live.textContent = "(live updates stopped: reload the page)"; }
  });
});
