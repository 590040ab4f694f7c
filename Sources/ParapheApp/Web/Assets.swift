import Hummingbird
import NIOCore

/// The UI's only script, served from our origin so the CSP can forbid every inline script. It asks for
/// confirmation on forms marked `data-confirm`, and refreshes the wizard's preview as the form changes.
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
    document.querySelectorAll('.toast').forEach(function (toast) {
      setTimeout(function () { toast.classList.add('gone'); }, 6000);
    });
    document.addEventListener('submit', function (event) {
      // The button pressed may ask its own question (a form with several moves); else the form's.
      var message = (event.submitter && event.submitter.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm');
      if (message && !window.confirm(message)) event.preventDefault();
    });
    (function () {
      var form = document.getElementById('wizard');
      var preview = document.getElementById('preview');
      if (!form || !preview) return;
      var timer = null, sequence = 0;
      function refresh() {
        var mine = ++sequence;
        fetch(form.getAttribute('data-preview'), {
          method: 'POST', credentials: 'same-origin',
          headers: {'Content-Type': 'application/x-www-form-urlencoded'},
          body: new URLSearchParams(new FormData(form)).toString()
        }).then(function (response) { return response.text(); }).then(function (html) {
          // The server escapes every value; the fragment is our own markup.
          if (mine === sequence) { preview.innerHTML = html; preview.setAttribute('data-updated', String(mine)); }
        });
      }
      function schedule() { clearTimeout(timer); timer = setTimeout(refresh, 300); }
      form.addEventListener('input', schedule);
      form.addEventListener('change', schedule);
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
