// "Where do you stand?": score the reader's answers and re-rank the frames.
// The rule is the one in macros/stance.py (tests check that both agree). Answers live only in
// the address fragment, #agree=id,id&disagree=id: nothing is stored and nothing is sent.
import { element } from "./shared.js";

(function () {
  var dataElement = document.getElementById("stance-data");
  var form = document.getElementById("stance-form");
  if (!dataElement || !form) return;
  var data = JSON.parse(dataElement.textContent);
  var RANK = { disagree: 0, unsure: 1, agree: 2 };
  // Anchors on the frames' pages are made in macros/urls.py; stance.html writes the two used here.
  var tool = form.closest(".stance");
  var cruxAnchorPrefix = tool.dataset.cruxAnchorPrefix;
  var cruxSection = tool.dataset.cruxSection;
  var answerable = data.order.filter(function (id) { return data.cruxes[id].answerable; });

  // ------------------------------------------------------------ the rule

  function best(values) {
    return values.reduce(function (a, b) { return RANK[b] > RANK[a] ? b : a; });
  }

  function worst(values) {
    return values.reduce(function (a, b) { return RANK[b] < RANK[a] ? b : a; });
  }

  function value(id, answers) {
    var crux = data.cruxes[id];
    var nested = crux.children.map(function (child) { return value(child, answers); });
    if (crux.join === "any_of") return best(nested);
    if (crux.join === "all_of") return worst(nested);
    var own = answers[id] || "unsure";
    if (crux.join === "because" && own === "unsure") return best(nested);
    return own;
  }

  function scores(answers) {
    var list = data.owners.map(function (owner, index) {
      var values = owner.cruxes.map(function (id) { return value(id, answers); });
      return {
        id: owner.id, kind: owner.kind, title: owner.title, index: index, total: values.length,
        agreed: values.filter(function (v) { return v === "agree"; }).length,
        disagreed: values.filter(function (v) { return v === "disagree"; }).length
      };
    });
    // Compare fractions exactly (cross-multiplied), as Python's Fraction does.
    list.sort(function (a, b) {
      if (!a.total || !b.total) return (!a.total - !b.total) || a.index - b.index;
      var net = (b.agreed - b.disagreed) * a.total - (a.agreed - a.disagreed) * b.total;
      if (net) return net;
      var share = b.agreed * a.total - a.agreed * b.total;
      return share || a.index - b.index;
    });
    return list;
  }

  function verdict(score) {
    if (!score.total) return "no-cruxes";
    if (score.agreed > score.disagreed) return "favoured";
    if (score.disagreed > score.agreed) return "undercut";
    return "open";
  }

  function joinNames(names) {
    return names.length === 1 ? names[0] : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function summary(answers, ranked) {
    var answered = answerable.filter(function (id) { return (answers[id] || "unsure") !== "unsure"; }).length;
    if (!answered) {
      return "No answers yet: all " + answerable.length +
        " cruxes stand at unsure, so your answers favour no frame and undercut none.";
    }
    var frames = ranked.filter(function (s) { return s.kind === "frame"; });
    var favoured = frames.filter(function (s) { return verdict(s) === "favoured"; }).map(function (s) { return s.title; });
    var undercut = frames.filter(function (s) { return verdict(s) === "undercut"; }).map(function (s) { return s.title; });
    return "You have answered " + answered + " of " + answerable.length + " cruxes. " +
      "Your answers favour " + (favoured.length ? joinNames(favoured) : "no frame") + "; " +
      "they undercut " + (undercut.length ? joinNames(undercut) : "none") + ".";
  }

  // ------------------------------------------------------------ the page

  function readForm() {
    var answers = {};
    answerable.forEach(function (id) {
      var checked = form.querySelector('input[name="stance-' + id + '"]:checked');
      if (checked && checked.value !== "unsure") answers[id] = checked.value;
    });
    return answers;
  }

  function setForm(answers) {
    answerable.forEach(function (id) {
      var radio = document.getElementById("stance-" + id + "-" + (answers[id] || "unsure"));
      if (radio) radio.checked = true;
    });
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  // The address holds this page's answers (agree=, disagree=) and, when comparing, the other
  // stance's (vs-agree=, vs-disagree=).
  var KEYS = ["agree", "disagree", "vs-agree", "vs-disagree"];

  function isStateHash(hash) {
    var params = new URLSearchParams(hash.replace(/^#/, ""));
    return hash.replace(/^#/, "") === "" || KEYS.some(function (key) { return params.has(key); });
  }

  function parseAnswers(hash, prefix) {
    var params = new URLSearchParams(hash.replace(/^[^#]*#?/, ""));
    var answers = {};
    ["agree", "disagree"].forEach(function (answer) {
      (params.get(prefix + answer) || "").split(",").forEach(function (id) {
        // Links made before a crux was renamed still work; own keys only ("constructor" is no crux).
        if (has(data.aliases, id)) id = data.aliases[id];
        if (has(data.cruxes, id) && data.cruxes[id].answerable) answers[id] = answer;
      });
    });
    return answers;
  }

  function readHash() {
    return parseAnswers(location.hash, "");
  }

  function encode(answers, prefix) {
    return ["agree", "disagree"].map(function (answer) {
      var ids = answerable.filter(function (id) { return answers[id] === answer; });
      return ids.length ? prefix + answer + "=" + ids.join(",") : "";
    }).filter(Boolean);
  }

  function writeHash(answers, other) {
    if (other === undefined) other = comparing();
    var parts = encode(answers, "");
    if (other) {
      var theirs = encode(other, "vs-");
      parts = parts.concat(theirs.length ? theirs : ["vs-agree="]);  // a stance with no answers is still compared
    }
    var address = location.pathname + location.search + (parts.length ? "#" + parts.join("&") : "");
    history.replaceState(history.state, "", address);
  }

  // ------------------------------------------------------------ comparing two stances

  var compare = document.getElementById("stance-compare");
  var result = document.getElementById("stance-compare-result");
  var ownersOf = {};  // crux id -> the frames and groups whose cruxes include it, nested ones too
  data.owners.forEach(function (owner) {
    (function walk(ids) {
      ids.forEach(function (id) {
        ownersOf[id] = ownersOf[id] || [];
        if (ownersOf[id].indexOf(owner) < 0) ownersOf[id].push(owner);
        walk(data.cruxes[id] ? data.cruxes[id].children : []);
      });
    })(owner.cruxes);
  });

  function comparing() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    return params.has("vs-agree") || params.has("vs-disagree") ? parseAnswers(location.hash, "vs-") : null;
  }

  function pageOf(owner) {
    var link = document.querySelector('.stance-rank[data-owner="' + owner.id + '"] .stance-rank__title, #stance-owner-' + owner.id + ' + .stance-owner__read a');
    return link ? link.getAttribute("href") : null;
  }

  function showComparison(answers) {
    var other = comparing();
    document.getElementById("stance-compare-stop").hidden = !other;
    result.replaceChildren();
    if (!other) return;
    var differ = answerable.filter(function (id) { return (answers[id] || "unsure") !== (other[id] || "unsure"); });
    result.appendChild(element("p", "stance-compare__count", differ.length
      ? "The two stances differ on " + differ.length + " of " + answerable.length + " cruxes."
      : "The two stances give the same answer to every crux."));
    if (!differ.length) return;
    var list = element("ul", "stance-compare__list");
    var weight = {};
    differ.forEach(function (id) {
      var item = element("li");
      // The crux with its number styled as in the questions above, so the two are easy to match.
      var question = document.querySelector("#stance-q-" + id + " .stance-q__text");
      var crux = element("p", "stance-compare__crux");
      if (question) {
        question.childNodes.forEach(function (node) { crux.appendChild(node.cloneNode(true)); });
      } else {
        crux.textContent = id;
      }
      item.appendChild(crux);
      var given = element("p", "stance-compare__answers");
      given.append("This stance: ", element("strong", "", answers[id] || "unsure"),
                   " · the other stance: ", element("strong", "", other[id] || "unsure"));
      item.appendChild(given);
      var bears = element("p", "stance-compare__bears", "Bears on ");
      (ownersOf[id] || []).forEach(function (owner, index) {
        weight[owner.id] = (weight[owner.id] || 0) + 1;
        var href = pageOf(owner);
        var link = href ? element("a", "", owner.title) : element("span", "", owner.title);
        if (href) link.href = href + "#" + cruxAnchorPrefix + id;
        if (index) bears.appendChild(document.createTextNode(", "));
        bears.appendChild(link);
      });
      item.appendChild(bears);
      list.appendChild(item);
    });
    result.appendChild(list);
    // Where to start talking it through: the frames most of the differences bear on, in the site's order on ties.
    var path = data.owners.filter(function (owner) { return weight[owner.id]; })
      .sort(function (a, b) { return weight[b.id] - weight[a.id]; }).slice(0, 4);
    result.appendChild(element("p", "stance-compare__path-heading", "A reading path for talking it through"));
    var steps = element("ol", "stance-compare__path");
    path.forEach(function (owner) {
      var step = element("li");
      var href = pageOf(owner);
      var link = href ? element("a", "", owner.title) : element("span", "", owner.title);
      if (href) link.href = href + "#" + cruxSection;
      step.appendChild(link);
      step.appendChild(document.createTextNode(": " + weight[owner.id] + (weight[owner.id] === 1 ? " difference" : " differences")));
      steps.appendChild(step);
    });
    result.appendChild(steps);
  }

  if (compare) {
    compare.hidden = false;
    document.getElementById("stance-compare-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var pasted = document.getElementById("stance-compare-input").value.trim();
      var other = parseAnswers(pasted.indexOf("#") >= 0 ? pasted : "#" + pasted, "");
      var answers = readForm();
      writeHash(answers, other);
      show(answers);
    });
    document.getElementById("stance-compare-stop").addEventListener("click", function () {
      var answers = readForm();
      writeHash(answers, null);
      show(answers);
    });
  }

  function show(answers) {
    var ranked = scores(answers);
    ["frame", "group"].forEach(function (kind) {
      var list = document.getElementById("stance-ranking-" + kind + "s");
      ranked.filter(function (s) { return s.kind === kind && s.total; }).forEach(function (s) {
        var item = list.querySelector('[data-owner="' + s.id + '"]');
        var v = verdict(s);
        item.dataset.verdict = v;
        item.querySelector(".stance-rank__verdict").textContent = data.verdictLabels[v];
        item.querySelector(".stance-rank__agreed").textContent = s.agreed;
        item.querySelector(".stance-rank__disagreed").textContent = s.disagreed;
        item.querySelector(".stance-rank__bar-agreed").style.width = (100 * s.agreed / s.total) + "%";
        item.querySelector(".stance-rank__bar-disagreed").style.width = (100 * s.disagreed / s.total) + "%";
        list.appendChild(item);  // moves it to the end: the list ends up in ranked order
      });
    });
    var text = summary(answers, ranked);
    var live = document.getElementById("stance-summary");
    if (live.textContent !== text) live.textContent = text;
    var answered = Object.keys(answers).length;
    document.getElementById("stance-progress").textContent = "Answered " + answered + " of " + answerable.length + ".";
    if (compare) showComparison(answers);
  }

  form.addEventListener("change", function () {
    var answers = readForm();
    writeHash(answers);
    show(answers);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("stance-reset").addEventListener("click", function () {
    setForm({});
    writeHash({});
    show({});
  });
  window.addEventListener("hashchange", function () {
    if (isStateHash(location.hash)) {
      var answers = readHash();
      setForm(answers);
      show(answers);
    } else {
      // A jump to a heading replaced the answers in the address: put them back, keep the scroll.
      writeHash(readForm());
    }
  });

  var initial = readHash();
  setForm(initial);
  show(initial);
})();
