import Hummingbird
import NIOCore

/// The UI's only script, served from our origin so the CSP can forbid every inline script. It asks for
/// confirmation on forms marked `data-confirm`, and runs the wizard's steps and live preview.
enum Assets {
    static let script = """
    document.documentElement.classList.add('js');
    (function () {
      // The phone's menu button; one navigation menu open at a time, closed by a click elsewhere or Escape.
      var toggle = document.querySelector('.menu-toggle'), nav = document.getElementById('main-nav');
      if (toggle && nav) toggle.addEventListener('click', function () {
        var open = nav.classList.toggle('open');
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
        nav.querySelectorAll('details').forEach(function (d) { d.open = open; });
      });
      function closeMenus(except) {
        if (nav && nav.classList.contains('open')) return;
        document.querySelectorAll('nav.main details[open]').forEach(function (d) { if (d !== except) d.open = false; });
      }
      document.addEventListener('click', function (event) { closeMenus(event.target.closest && event.target.closest('nav.main details')); });
      document.addEventListener('keydown', function (event) { if (event.key === 'Escape') closeMenus(null); });
    })();
    (function () {
      // A refused form puts the reader on its list of errors, each a link to its field.
      var summary = document.getElementById('error-summary');
      if (summary) summary.focus();
    })();
    document.querySelectorAll('table.responsive').forEach(function (table) {
      // On a phone each row stacks into a card; every cell keeps its column's name beside it.
      var names = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
      table.querySelectorAll('tbody tr').forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) { if (names[i]) cell.setAttribute('data-label', names[i]); });
      });
    });
    document.querySelectorAll('.toast').forEach(function (toast) {
      setTimeout(function () { toast.classList.add('gone'); }, 6000);
    });
    (function () {
      // A move that cannot be taken back asks first, in the page's dialog: the pressed button's question (a form with
      // several moves), else the form's. Once confirmed, the same button sends the form again.
      var dialog = document.getElementById('confirm'), pending = null;
      document.addEventListener('submit', function (event) {
        var message = (event.submitter && event.submitter.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm');
        if (!message) return;
        if (pending && pending.confirmed && pending.form === event.target) { pending = null; return; }
        event.preventDefault();
        pending = {form: event.target, submitter: event.submitter || null, confirmed: false};
        if (!dialog || !dialog.showModal) {
          if (window.confirm(message)) { pending.confirmed = true; pending.form.requestSubmit(pending.submitter); }
          return;
        }
        document.getElementById('confirm-text').textContent = message;
        dialog.showModal();
      });
      if (!dialog) return;
      dialog.addEventListener('click', function (event) {
        var choice = event.target.closest && event.target.closest('button');
        if (!choice || !pending) return;
        dialog.close();
        if (choice.value === 'yes') { pending.confirmed = true; pending.form.requestSubmit(pending.submitter); }
        else { if (pending.submitter) pending.submitter.focus(); pending = null; }
      });
      dialog.addEventListener('cancel', function () { pending = null; });
    })();
    (function () {
      // The new-contract wizard: one step shown at a time, moved by the stepper and the step buttons; the preview,
      // the approvals and the review refreshed from the server as the form changes.
      var form = document.getElementById('wizard');
      if (!form) return;
      var wizard = form.closest('.wizard'), steps = form.querySelectorAll('.step');
      var links = document.querySelectorAll('.stepper a[data-step]');
      function show(n, focus) {
        steps.forEach(function (s) { s.classList.toggle('current', s.getAttribute('data-step') === String(n)); });
        links.forEach(function (a) {
          if (a.getAttribute('data-step') === String(n)) a.setAttribute('aria-current', 'step'); else a.removeAttribute('aria-current');
        });
        wizard.setAttribute('data-current', String(n));
        if (focus) {
          var heading = document.getElementById('step-' + n + '-title');
          if (heading) { heading.focus({preventScroll: true}); document.querySelector('.stepper').scrollIntoView(); }
        }
        if (history.replaceState) history.replaceState(null, '', '#step-' + n);
      }
      function stepOf(element) { var s = element && element.closest('.step'); return s && s.getAttribute('data-step'); }
      links.forEach(function (a) { a.addEventListener('click', function (e) { e.preventDefault(); show(a.getAttribute('data-step'), true); }); });
      form.querySelectorAll('[data-go]').forEach(function (b) { b.addEventListener('click', function () { show(b.getAttribute('data-go'), true); }); });
      // An error in the summary opens the step its field is on.
      document.querySelectorAll('#error-summary a').forEach(function (a) {
        a.addEventListener('click', function (e) {
          var target = document.getElementById(a.getAttribute('href').slice(1)), n = stepOf(target);
          if (!n) return;
          e.preventDefault(); show(n, false); target.focus();
        });
      });
      // Enter in a field goes to the next step; only the last step's buttons create the contract.
      form.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter' || e.target.tagName === 'TEXTAREA' || e.target.tagName === 'BUTTON') return;
        var n = Number(wizard.getAttribute('data-current'));
        if (n < 5) { e.preventDefault(); show(n + 1, true); }
      });
      var hash = /^#step-([2-5])$/.exec(location.hash);
      show(form.getAttribute('data-start') !== '2' ? form.getAttribute('data-start') : (hash ? hash[1] : '2'), false);

      var preview = document.getElementById('preview');
      var timer = null, sequence = 0;
      function refresh() {
        var mine = ++sequence;
        fetch(form.getAttribute('data-preview'), {
          method: 'POST', credentials: 'same-origin',
          headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json'},
          body: new URLSearchParams(new FormData(form)).toString()
        }).then(function (response) { return response.json(); }).then(function (draft) {
          // The server escapes every value; each part is our own markup.
          if (mine !== sequence) return;
          preview.innerHTML = draft.document;
          document.querySelectorAll('[data-live=approvals]').forEach(function (e) { e.innerHTML = draft.approvals; });
          document.querySelectorAll('[data-live=derogations]').forEach(function (e) { e.innerHTML = draft.derogations; });
          preview.setAttribute('data-updated', String(mine));
        });
      }
      function schedule() { clearTimeout(timer); timer = setTimeout(refresh, 300); }
      form.addEventListener('input', schedule);
      form.addEventListener('change', schedule);
    })();
    (function () {
      // The template picker: the template pointed at shows in the preview.
      var preview = document.getElementById('preview'), shown = null;
      document.querySelectorAll('a[data-template-preview]').forEach(function (card) {
        function load() {
          var url = card.getAttribute('data-template-preview');
          if (!preview || shown === url) return;
          shown = url;
          fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
            .then(function (response) { return response.json(); })
            .then(function (draft) { if (shown === url) { preview.innerHTML = draft.document; preview.setAttribute('data-template', url); } });
        }
        card.addEventListener('mouseenter', load);
        card.addEventListener('focus', load);
      });
    })();
    """

    /// The tab's icon: a paraph mark, so browsers stop asking for a missing favicon.ico.
    static let icon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4ed8"/>\
    <path d="M7 22c4-10 8-13 10-11s-3 9-1 10 6-8 9-6" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>
    """

    static func register(_ router: some RouterMethods<AppContext>) {
        for path in ["assets/icon.svg", "favicon.ico"] {
            router.get(RouterPath(path)) { _, _ in
                Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "max-age=86400"], body: .init(byteBuffer: ByteBuffer(string: icon)))
            }
        }
        router.get("assets/paraphe.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                     body: .init(byteBuffer: ByteBuffer(string: script)))
        }
    }
}
