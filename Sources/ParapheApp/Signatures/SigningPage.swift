import Foundation
import Hummingbird
import ParapheCore
import ParapheServices
import Plot

/// The signing ceremony, on one page that works on a phone: read the whole text (or the PDF), confirm the code
/// sent by mail, consent, sign by drawing or typing, confirm with "Je signe"; or decline with a reason. Every
/// message the script shows is written here, in the page's language.
struct SigningPage {
    let l: L10n
    let view: SignatureCeremony.View
    let path: String

    private func t(_ fr: String, _ en: String) -> String { l.t(fr, en) }

    func response() -> Response {
        let contract = view.contract
        let messages: KeyValuePairs<String, String?> = [
            "id": "signing", "data-path": path, "data-sha": view.document.sha256, "data-verified": view.verified ? "true" : "false",
            "data-language": l.language.rawValue,
            "data-msg-code-sent": t("Code envoyé. Consultez votre messagerie.", "Code sent. Check your mailbox."),
            "data-msg-verified": t("Adresse confirmée. Vous pouvez signer.", "Address confirmed. You can sign."),
            "data-msg-wrong-code": t("Code erroné.", "Wrong code."),
            "data-msg-code-locked": t("Trop d'essais : demandez un nouveau code.", "Too many tries: ask for a new code."),
            "data-msg-code-expired": t("Ce code a expiré : demandez-en un nouveau.", "This code has expired: ask for a new one."),
            "data-msg-code-required": t("Confirmez d'abord le code reçu par courriel.", "First confirm the code you received by mail."),
            "data-msg-rate": t("Trop de codes demandés : patientez avant de réessayer.", "Too many codes asked for: wait before trying again."),
            "data-msg-document-changed": t("Le document a changé depuis l'ouverture de cette page : rechargez-la.", "The document changed since this page opened: reload it."),
            "data-msg-closed": t("Cette demande de signature est close.", "This signature request is closed."),
            "data-msg-consent": t("Cochez la case d'acceptation pour signer.", "Tick the consent box to sign."),
            "data-msg-mark": t("Dessinez votre signature ou tapez votre nom.", "Draw your signature or type your name."),
            "data-msg-reason": t("Indiquez le motif du refus.", "Give the reason for declining."),
            "data-msg-signed": t("Merci : votre signature est enregistrée. Vous recevrez le document scellé par courriel dès que tous auront signé.",
                                 "Thank you: your signature is recorded. You will receive the sealed document by mail once everyone has signed."),
            "data-msg-declined": t("Votre refus est enregistré ; l'expéditeur est prévenu.", "Your refusal is recorded; the sender has been told."),
            "data-msg-error": t("Une erreur est survenue ; réessayez.", "Something went wrong; try again."),
            "data-confirm-decline": t("Refuser de signer ce document ?", "Decline to sign this document?"),
        ]
        let others = view.signers.filter { $0.id != view.signer.id }
        let content: [Node<HTML.BodyContext>] = [
            E("section", messages, [
                E("h1", [:], text: contract.title),
                E("p", ["class": "muted"], text: t("Contrat ", "Contract ") + contract.reference.description + " · "
                      + t("à signer par ", "to be signed by ") + view.signer.name),
                view.request.message.map { E("blockquote", [:], text: $0) } ?? .group([]),
                E("p", [:], [E("a", ["id": "download", "href": path + "/document.pdf"], text: t("Télécharger le PDF", "Download the PDF")),
                             T(" · " + t("Empreinte SHA-256 de cette version : ", "SHA-256 of this version: ")),
                             E("code", ["id": "document-sha"], text: view.document.sha256)]),
                E("h2", [:], text: t("Le document", "The document")),
                E("article", ["id": "document", "class": "document", "tabindex": "0", "aria-label": t("Texte du document", "Text of the document")],
                  (view.text ?? "").split(separator: "\n", omittingEmptySubsequences: true).isEmpty
                    ? [E("p", [:], text: t("Ce document n'a pas de texte lisible ici ; lisez le PDF.", "This document has no text to show here; read the PDF."))]
                    : (view.text ?? "").split(separator: "\n", omittingEmptySubsequences: true).map { E("p", [:], text: String($0)) }),
                others.isEmpty ? .group([]) : E("p", ["class": "muted"], text: t("Signent aussi : ", "Also signing: ")
                                                    + others.map { "\($0.name) (\(status($0.status)))" }.joined(separator: ", ")),
                E("h2", [:], text: t("1. Confirmer votre adresse", "1. Confirm your address")),
                E("p", [:], text: t("Un code à 6 chiffres sera envoyé à ", "A 6-digit code will be sent to ") + view.signer.email + "."),
                E("p", [:], [E("button", ["type": "button", "id": "send-code"], text: t("Recevoir un code", "Send me a code"))]),
                E("p", [:], [
                    E("label", ["for": "code"], text: t("Code reçu", "Code received")), T(" "),
                    V("input", ["id": "code", "name": "code", "inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6", "size": "8"]),
                    T(" "), E("button", ["type": "button", "id": "verify-code"], text: t("Vérifier", "Verify")),
                ]),
                E("div", ["id": "step-sign", "hidden": view.verified ? nil : ""], [
                    E("h2", [:], text: t("2. Signer", "2. Sign")),
                    E("p", [:], [V("input", ["type": "checkbox", "id": "consent"]), T(" "),
                                 E("label", ["for": "consent"], text: view.consent)]),
                    E("p", ["class": "muted"], text: t("Version du consentement : ", "Consent version: ") + SignatureConsent.version),
                    E("p", [:], text: t("Dessinez votre signature :", "Draw your signature:")),
                    E("canvas", ["id": "pad", "width": "600", "height": "200", "class": "pad",
                                 "aria-label": t("Zone de signature manuscrite", "Handwritten signature area")], []),
                    E("p", [:], [E("button", ["type": "button", "id": "clear-pad", "class": "link"], text: t("Effacer", "Clear"))]),
                    E("p", [:], [E("label", ["for": "typed"], text: t("ou tapez votre nom : ", "or type your name: ")),
                                 V("input", ["id": "typed", "autocomplete": "name", "size": "30"])]),
                    E("p", [:], [E("button", ["type": "button", "id": "sign-button", "class": "primary"], text: t("Je signe", "I sign"))]),
                ]),
                E("details", ["id": "decline"], [
                    E("summary", [:], text: t("Refuser de signer", "Decline to sign")),
                    E("p", [:], [E("label", ["for": "decline-reason"], text: t("Motif", "Reason"))]),
                    E("textarea", ["id": "decline-reason", "rows": "3", "maxlength": "2000"], []),
                    E("p", [:], [E("button", ["type": "button", "id": "decline-button"], text: t("Confirmer le refus", "Confirm"))]),
                ]),
                E("p", ["id": "status", "role": "status", "aria-live": "polite"], []),
            ]),
            .raw("<script src=\"/assets/signing.js\" defer></script>"),
        ]
        return Layout(l: l, user: nil, csrf: nil, path: path).page(t("Signer ", "Sign ") + contract.title, content)
    }

    private func status(_ status: Signer.Status) -> String {
        switch status {
        case .waiting: t("à venir", "later")
        case .invited: t("invité", "invited")
        case .signed: t("a signé", "signed")
        case .declined: t("a refusé", "declined")
        }
    }

    /// A link that no longer leads to a signature, explained.
    static func refused(_ refusal: SignatureCeremony.Refusal, l: L10n) -> Response {
        let (title, text): (String, String) = switch refusal {
        case .unknownLink: (l.t("Lien inconnu", "Unknown link"),
                            l.t("Ce lien de signature n'est pas valable : il a été remplacé par un plus récent, révoqué ou mal recopié.",
                                "This signing link is not valid: it was replaced by a newer one, revoked, or mistyped."))
        case .expired: (l.t("Lien expiré", "Link expired"), l.t("Ce lien a expiré ; demandez-en un nouveau à l'expéditeur.",
                                                                 "This link has expired; ask the sender for a new one."))
        case .closed(let status): (l.t("Demande close", "Request closed"), closedText(status, l: l))
        case .alreadySigned: (l.t("Déjà signé", "Already signed"), l.t("Vous avez déjà signé ce document. Merci.", "You have already signed this document. Thank you."))
        default: (l.t("Signature impossible", "Cannot sign"), l.t("Rechargez la page.", "Reload the page."))
        }
        let status: HTTPResponse.Status = switch refusal {
        case .unknownLink: .notFound
        case .expired: .gone
        default: .conflict
        }
        return Layout(l: l, user: nil, csrf: nil, path: "/").page(title, [E("h1", [:], text: title), E("p", ["class": "alert", "role": "alert"], text: text)],
                                                                  status: status)
    }

    static func closedText(_ status: SignatureRequest.Status, l: L10n) -> String {
        switch status {
        case .cancelled: l.t("L'expéditeur a annulé cette demande de signature.", "The sender cancelled this signature request.")
        case .declined: l.t("Un signataire a refusé de signer ; la demande est close.", "A signer declined; the request is closed.")
        case .completed, .sealing: l.t("Tout le monde a signé ; le document scellé vous est envoyé par courriel.",
                                       "Everyone has signed; the sealed document is sent to you by mail.")
        case .expired, .open: l.t("Cette demande a expiré.", "This request has expired.")
        }
    }

    static let script = """
    (function () {
      var root = document.getElementById('signing');
      if (!root) return;
      var path = root.getAttribute('data-path');
      var status = document.getElementById('status');
      function say(key, extra) { status.textContent = root.getAttribute('data-msg-' + key) + (extra ? ' ' + extra : ''); }
      function call(step, body) {
        return fetch(path + '/' + step, {
          method: 'POST', credentials: 'omit', headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
          body: JSON.stringify(body || {})
        }).then(function (response) {
          if (response.ok) return null;
          return response.json().then(function (problem) { return problem; }, function () { return {type: 'error', status: response.status}; });
        });
      }
      var known = ['wrong-code', 'code-locked', 'code-expired', 'code-required', 'document-changed'];
      function explain(problem) {
        var type = (problem.type || '').split('/').pop();
        if (known.indexOf(type) >= 0) return say(type);
        if (problem.status === 429) return say('rate');
        if (type === 'signature-request-closed' || type === 'signing-link-expired' || type === 'already-signed') return say('closed');
        say('error');
      }
      document.getElementById('send-code').addEventListener('click', function () {
        call('otp').then(function (problem) { problem ? explain(problem) : say('code-sent'); });
      });
      document.getElementById('verify-code').addEventListener('click', function () {
        call('verify', {code: document.getElementById('code').value.trim()}).then(function (problem) {
          if (problem) return explain(problem);
          document.getElementById('step-sign').hidden = false;
          say('verified');
        });
      });
      var pad = document.getElementById('pad'), context = pad.getContext('2d'), strokes = [], current = null;
      context.lineWidth = 2.5; context.lineCap = 'round'; context.lineJoin = 'round'; context.strokeStyle = '#1d2330';
      function point(event) {
        var box = pad.getBoundingClientRect();
        return [Math.round((event.clientX - box.left) * pad.width / box.width * 10) / 10,
                Math.round((event.clientY - box.top) * pad.height / box.height * 10) / 10];
      }
      pad.style.touchAction = 'none';
      pad.addEventListener('pointerdown', function (event) {
        pad.setPointerCapture(event.pointerId); current = [point(event)]; strokes.push(current);
      });
      pad.addEventListener('pointermove', function (event) {
        if (!current) return;
        var p = point(event), last = current[current.length - 1];
        current.push(p);
        context.beginPath(); context.moveTo(last[0], last[1]); context.lineTo(p[0], p[1]); context.stroke();
      });
      function end() { current = null; }
      pad.addEventListener('pointerup', end); pad.addEventListener('pointercancel', end);
      document.getElementById('clear-pad').addEventListener('click', function () {
        strokes = []; context.clearRect(0, 0, pad.width, pad.height);
      });
      document.getElementById('sign-button').addEventListener('click', function () {
        if (!document.getElementById('consent').checked) return say('consent');
        var typed = document.getElementById('typed').value.trim();
        var drawn = strokes.filter(function (s) { return s.length > 1; });
        var signature = drawn.length ? {kind: 'drawn', strokes: drawn} : (typed ? {kind: 'typed', text: typed} : null);
        if (!signature) return say('mark');
        call('sign', {consent: true, documentSha256: root.getAttribute('data-sha'), signature: signature,
                      language: root.getAttribute('data-language')}).then(function (problem) {
          if (problem) return explain(problem);
          document.getElementById('step-sign').hidden = true;
          document.getElementById('decline').hidden = true;
          say('signed');
        });
      });
      document.getElementById('decline-button').addEventListener('click', function () {
        var reason = document.getElementById('decline-reason').value.trim();
        if (!reason) return say('reason');
        if (!window.confirm(root.getAttribute('data-confirm-decline'))) return;
        call('decline', {reason: reason}).then(function (problem) {
          if (problem) return explain(problem);
          document.getElementById('step-sign').hidden = true;
          say('declined');
        });
      });
    })();
    """
}
