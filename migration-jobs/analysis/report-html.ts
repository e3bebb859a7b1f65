/**
 * The readiness report as an HTML page (issue 12): the verdict banner, the category tree before and
 * after flattening, rooms by messages and what the cutoff removes, findings grouped by code with a
 * search box and severity filters, the expected rooms, and the files to copy.
 * Pure (data -> string). At Microsoft's capacity model (33,077 rooms, tens of thousands of findings)
 * the findings and rooms are embedded once as compact JSON and drawn on demand, a page of rows at a
 * time, by the page's small inline script: only what is open is in the DOM, so the page stays fast.
 */
import type { ReportDoc } from "../common/report";
import { banner, barChart, bytes, docSections, embedJson, html, Html, join, n, page, table } from "../common/html";
import { MAX_NODE_NAME } from "./categories";
import type { AnalysisResult } from "./result";
import { categoryTree, changeText, findingGroups, messageFate, readinessVerdict, roomsByMessages, type TreeRow } from "./report";

/** Rows drawn per page of a findings group or of the rooms table. */
export const PAGE_ROWS = 50;

/** Doc sections that the page draws as pictures; the others are shown as the document has them. */
const DRAWN = new Set(["Findings", "Findings by code", "Rooms by messages since the cutoff", "Category tree before and after flattening", "Expected 2013 rooms"]);

function tags(changes: TreeRow["changes"]): Html {
  return join(changes.map((c) => html`<span class="tag ${c}">${changeText([c])}</span>`));
}

/** The legacy tree as nested lists (collapsible below the second level) beside the 2013 flat list. */
function treeSection(r: AnalysisResult): Html {
  const rows = categoryTree(r);
  if (rows.length === 0) return html`<section id="tree"><h2>Category tree before and after flattening</h2><p>This result does not carry the legacy tree (written by an older version): run the analysis again to see it.</p></section>`;
  const out: string[] = [];
  // Depths of the items whose <details><ul> are open, innermost last.
  const open: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i]!;
    const next = rows[i + 1];
    while (open.length > 0 && open[open.length - 1]! >= t.depth) {
      out.push("</ul></details></li>");
      open.pop();
    }
    const label = html`<span class="cat" data-id="${t.node.id}">${t.node.name ?? `(no name, id ${t.node.id})`}</span>${t.node.isRoot ? " (root)" : ""}${tags(t.changes)}`.text;
    if (next && next.depth > t.depth) {
      out.push(`<li><details${t.depth < 2 ? ' open="open"' : ""}><summary>${label}</summary><ul>`);
      open.push(t.depth);
    } else out.push(`<li>${label}</li>`);
  }
  for (let i = 0; i < open.length; i++) out.push("</ul></details></li>");
  const legacy = new Html(out.join(""));
  // The 2013 list: what the analysis expects to import, and the colliding names it leaves out (marked);
  // the root is a category only when rooms sit directly in it (then it is expected).
  const flat = rows.filter((t) => t.node.flatName !== null && (t.category !== null || (!t.node.isRoot && t.changes.includes("collides")))).sort((a, b) => a.node.flatName!.localeCompare(b.node.flatName!));
  const counts = (c: string) => rows.filter((t) => t.changes.includes(c as TreeRow["changes"][number])).length;
  return html`<section id="tree"><h2>Category tree before and after flattening</h2>
<p>${n(rows.length)} legacy categories become ${n(r.target.categories.length)} flat 2013 categories (domain §2.3.1: a subcategory's name is prefixed with its parents' names, joined with "${r.separator}"; the root becomes one only when rooms sit directly in it; of two colliding names the second is left out).
Highlighted: <span class="tag changed">renamed</span> ${n(counts("changed"))}, <span class="tag collides">collides</span> ${n(counts("collides"))}, <span class="tag overflow">over ${MAX_NODE_NAME} characters</span> ${n(counts("overflow"))}, <span class="tag broken">cannot be placed</span> ${n(counts("broken"))}.</p>
<div class="cols"><div><h3>Legacy tree</h3><ul class="tree" id="legacy-tree" aria-label="legacy category tree">${legacy}</ul></div>
<div><h3>2013 categories (flat)</h3><ol id="flat-list" aria-label="2013 categories after flattening">${flat.map(
    (t) => html`<li data-legacy-id="${t.node.id}"><span class="cat">${t.node.flatName}</span> <small>(${t.node.flatName!.length} chars)</small>${tags(t.changes)}</li>`,
  )}</ol></div></div></section>`;
}

function messagesSection(r: AnalysisResult): Html {
  const buckets = roomsByMessages(r);
  const fate = messageFate(r);
  const top = [...r.target.rooms].sort((a, b) => b.messagesSinceCutoff - a.messagesSinceCutoff).slice(0, 10);
  return html`<section id="messages"><h2>Rooms by messages since the cutoff</h2>
<p>Cutoff: ${r.cutoff ?? "none (every message migrates)"}. ${n(r.counts.before.messages)} legacy messages: ${n(r.counts.after.messagesSinceCutoff)} migrate, the cutoff removes ${n(r.counts.excluded.messagesBeforeCutoff)}, and ${n(r.counts.excluded.messagesOfExcludedRooms)} stay in rooms that do not import.</p>
<div class="cols">${barChart("chart-rooms", "Rooms by messages since the cutoff", buckets.map((b) => ({ label: b.label, value: b.rooms })), { unit: "rooms" })}
${barChart("chart-cutoff", "What happens to the legacy messages", fate.map((f, i) => ({ label: f.label, value: f.messages, color: ["#2e8b57", "#c0392b", "#999"][i] })), { unit: "messages" })}</div>
<h3>Busiest rooms</h3>${table(["room", "category", "messages since the cutoff"], top.map((x) => [x.name, x.category, x.messagesSinceCutoff]), { numeric: [2] })}</section>`;
}

/** The findings' toolbar and group shells; the script fills a group when it is opened. */
function findingsSection(r: AnalysisResult): Html {
  const groups = findingGroups(r.findings);
  return html`<section id="findings"><h2>Findings</h2><p>Grouped by code, the most severe first; open a group to see its findings, ${PAGE_ROWS} at a time.</p>
<div class="toolbar" role="search"><label>Search <input type="search" id="finding-search" placeholder="room, category, user, text" aria-controls="finding-groups"/></label>
${(["error", "warning", "info"] as const).map((s) => html`<label class="sev-${s}"><input type="checkbox" class="sev-filter" value="${s}" checked="checked"/> ${s} (${n(r.findings.filter((f) => f.severity === s).length)})</label>`)}
<span id="finding-count" aria-live="polite">${n(r.findings.length)} findings in ${n(groups.length)} codes</span></div>
<div id="finding-groups">${groups.map(
    (g, i) => html`<details class="group" data-group="${i}" data-severity="${g.severity}"><summary><b class="sev-${g.severity}">${g.severity}</b> <code>${g.code}</code> <span class="count">${n(g.findings.length)}</span> finding(s): ${g.meaning}</summary><div class="items"></div></details>`,
  )}</div>${groups.length === 0 ? html`<p>No findings.</p>` : ""}</section>`;
}

function roomsSection(r: AnalysisResult): Html {
  return html`<section id="rooms"><h2>Expected 2013 rooms</h2>
<div class="toolbar"><label>Search rooms <input type="search" id="room-search" placeholder="room or category name" aria-controls="room-table"/></label>
<label><input type="checkbox" id="room-blocked"/> only rooms blocked by errors</label><span id="room-count" aria-live="polite">${n(r.target.rooms.length)} rooms</span></div>
<table id="room-table"><thead><tr><th>room</th><th>category</th><th>privacy</th><th>type</th><th class="num">members</th><th class="num">messages since cutoff</th><th>blocked by</th></tr></thead><tbody></tbody></table>
<div class="pager" id="room-pager"></div></section>`;
}

/** Compact rows for the script: findings per group as [subject, message, fix], rooms as arrays. */
function pageData(r: AnalysisResult): unknown {
  return {
    pageRows: PAGE_ROWS,
    groups: findingGroups(r.findings).map((g) => ({ code: g.code, items: g.findings.map((f) => [f.subject, f.message, f.fix, f.severity]) })),
    rooms: r.target.rooms.map((x) => [x.name, x.category, x.privacy, x.type, x.managers.length + x.presenters.length + x.members.length, x.messagesSinceCutoff, x.blockedBy.join(", ")]),
  };
}

export function renderReadinessHtml(doc: ReportDoc, r: AnalysisResult): string {
  const v = readinessVerdict(r);
  const body = html`<header><h1>${doc.title}</h1>
${banner(v.level, v.text, [
  ["errors", r.blocking.errors],
  ["warnings", r.blocking.warnings],
  ["infos", r.blocking.infos],
  ["rooms migrate", r.counts.after.rooms],
  ["categories", r.counts.after.categories],
  ["messages since the cutoff", r.counts.after.messagesSinceCutoff],
])}
<ul>${doc.summary.map((s) => html`<li>${s}</li>`)}</ul>
<nav aria-label="sections"><a href="#tree">category tree</a> · <a href="#messages">messages</a> · <a href="#findings">findings</a> · <a href="#rooms">rooms</a> · <a href="#files">files</a></nav></header>
${treeSection(r)}${messagesSection(r)}${findingsSection(r)}${roomsSection(r)}
<section id="files"><h2>Files to copy</h2><p>${n(r.files.count)} file(s), ${bytes(r.files.bytes)}${r.files.bytes !== null ? ` (${n(r.files.bytes)} bytes)` : ""}: the import does not move them (domain §2.4); the runbook's copy step does.</p></section>
${docSections(doc.sections, DRAWN)}${embedJson("report-data", pageData(r))}`;
  return page({ title: doc.title, body, script: READINESS_SCRIPT });
}

/**
 * The page's script (ES5-level, no library): filters and pages over the embedded data. Findings of a
 * group are drawn when the group is opened, rooms a page at a time; filtering scans plain arrays.
 */
const READINESS_SCRIPT = `(function(){
var D=readJson("report-data"),P=D.pageRows;
function el(t,txt,c){var e=document.createElement(t);if(txt!=null)e.textContent=String(txt);if(c)e.className=c;return e;}
function fmt(x){return Number(x).toLocaleString("en-US");}
var q=document.getElementById("finding-search"),boxes=[].slice.call(document.querySelectorAll(".sev-filter")),cnt=document.getElementById("finding-count");
var shells=[].slice.call(document.querySelectorAll("#finding-groups details")),state=shells.map(function(){return {page:0,rows:[]};});
function sevs(){var s={};boxes.forEach(function(b){s[b.value]=b.checked;});return s;}
function match(it,t,s){if(!s[it[3]])return false;if(!t)return true;return (it[0]+"\\n"+it[1]+"\\n"+it[2]).toLowerCase().indexOf(t)>=0;}
function drawGroup(i){var d=shells[i],st=state[i],box=d.querySelector(".items");box.textContent="";if(!d.open)return;
 var rows=st.rows,start=st.page*P,tb=el("table"),h=el("tr");["subject","message","fix"].forEach(function(c){h.appendChild(el("th",c));});tb.appendChild(el("thead")).appendChild(h);var b=tb.appendChild(el("tbody"));
 rows.slice(start,start+P).forEach(function(it){var tr=el("tr",null,"finding sev-"+it[3]);tr.appendChild(el("td",it[0]));tr.appendChild(el("td",it[1]));tr.appendChild(el("td",it[2]));b.appendChild(tr);});
 box.appendChild(tb);if(rows.length>P)box.appendChild(pager(st.page,rows.length,function(p){st.page=p;drawGroup(i);}));}
function pager(p,total,go){var pages=Math.ceil(total/P),w=el("div",null,"pager"),prev=el("button","previous"),next=el("button","next");prev.type=next.type="button";prev.disabled=p===0;next.disabled=p>=pages-1;
 prev.onclick=function(){go(p-1);};next.onclick=function(){go(p+1);};w.appendChild(prev);w.appendChild(el("span","page "+(p+1)+" of "+pages+" ("+fmt(total)+" rows)"));w.appendChild(next);return w;}
function filter(){var t=q.value.trim().toLowerCase(),s=sevs(),total=0,groups=0;
 shells.forEach(function(d,i){var rows=D.groups[i].items.filter(function(it){return match(it,t,s);});state[i].rows=rows;state[i].page=0;
  d.hidden=rows.length===0;d.querySelector(".count").textContent=fmt(rows.length);total+=rows.length;if(rows.length)groups++;if(d.open)drawGroup(i);});
 cnt.textContent=fmt(total)+" findings in "+fmt(groups)+" codes"+(t?" matching \\""+q.value.trim()+"\\"":"");}
var timer=null;q.addEventListener("input",function(){clearTimeout(timer);timer=setTimeout(filter,120);});
boxes.forEach(function(b){b.addEventListener("change",filter);});
shells.forEach(function(d,i){d.addEventListener("toggle",function(){drawGroup(i);});});
filter();
var rq=document.getElementById("room-search"),rb=document.getElementById("room-blocked"),rbody=document.querySelector("#room-table tbody"),rpager=document.getElementById("room-pager"),rc=document.getElementById("room-count"),rrows=D.rooms,rp=0;
function drawRooms(){rbody.textContent="";rrows.slice(rp*P,rp*P+P).forEach(function(x){var tr=el("tr");x.forEach(function(v,j){tr.appendChild(el("td",j===4||j===5?fmt(v):v,j===4||j===5?"num":null));});rbody.appendChild(tr);});
 rpager.textContent="";if(rrows.length>P)rpager.appendChild(pager(rp,rrows.length,function(p){rp=p;drawRooms();}));}
function filterRooms(){var t=rq.value.trim().toLowerCase(),only=rb.checked;rrows=D.rooms.filter(function(x){return (!only||x[6])&&(!t||(x[0]+"\\n"+x[1]).toLowerCase().indexOf(t)>=0);});rp=0;rc.textContent=fmt(rrows.length)+" of "+fmt(D.rooms.length)+" rooms";drawRooms();}
var rt=null;rq.addEventListener("input",function(){clearTimeout(rt);rt=setTimeout(filterRooms,120);});rb.addEventListener("change",filterRooms);
filterRooms();
window.addEventListener("beforeprint",function(){[].slice.call(document.querySelectorAll("#legacy-tree details")).forEach(function(d){d.open=true;});});
document.documentElement.setAttribute("data-ready","true");
})();`;
