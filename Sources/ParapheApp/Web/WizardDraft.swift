import Foundation
import ParapheCore
import ParapheDocuments
import ParapheServices
import Plot

/// What the wizard shows beside the form as the sales rep chooses, for one state of the form: the document with
/// its derogations marked, the approvals submitting it would ask for, and the derogations listed for the review.
/// The live preview sends it as JSON; the pages render it in place, so the first screen is never empty.
struct WizardDraft: Encodable, Sendable {
    /// The document as HTML, or the fields still missing before it can be drawn.
    var document: String
    var approvals: String
    var derogations: String
    /// False while required fields are missing.
    var ready: Bool

    /// The draft for a form; a form that does not yet make a contract says which fields are missing instead.
    static func make(_ templateId: Template.ID, manifest: TemplateManifest, form: WebForm, l: L10n, services: AppServices) async throws -> WizardDraft {
        let view = WizardDraftView(l: l)
        do {
            let draft = try await GenerationWorkflow(services: services).draft(try form.generationInput(templateId: templateId, manifest: manifest).request())
            let marks = Dictionary(draft.clauses.filter(\.isDerogation).map { ($0.nodeId, view.mark($0)) }, uniquingKeysWith: { a, _ in a })
            return WizardDraft(document: HTMLRenderer(marks: marks).render(draft.document), approvals: view.approvals(draft.required).render(),
                               derogations: view.derogations(draft.clauses).render(), ready: true)
        } catch let failure as ValidationFailure {
            let missing = view.missing(failure.errors, manifest: manifest).render()
            return WizardDraft(document: missing, approvals: missing, derogations: missing, ready: false)
        }
    }
}

/// The draft's parts in the reader's language.
struct WizardDraftView {
    let l: L10n

    /// The words beside a derogation in the preview.
    func mark(_ clause: ClauseInstance) -> String {
        l.t("Dérogation", "Derogation") + " · " + l.variant(clause)
            + (clause.requiresApprovalBy.isEmpty ? "" : " · " + l.t("validation ", "approval: ") + l.roles(clause.requiresApprovalBy))
    }

    func approvals(_ required: [RequiredApproval]) -> Node<HTML.BodyContext> {
        guard !required.isEmpty else {
            return E("p", ["class": "ok"], text: l.t("Aucune validation requise : le contrat sera approuvé dès sa soumission.",
                                                     "No approval required: the contract is approved as soon as it is submitted."))
        }
        return .group([
            E("p", [:], text: required.count == 1 ? l.t("Soumis aujourd'hui, ce contrat demanderait une validation :", "Submitted today, this contract would need one approval:")
                : l.t("Soumis aujourd'hui, ce contrat demanderait \(required.count) validations :", "Submitted today, this contract would need \(required.count) approvals:")),
            E("ol", ["class": "approvals"], required.map { r in
                E("li", [:], [E("strong", [:], text: l.approvalStep(r.step)), T(" — " + r.reasons.map(l.reason).joined(separator: " · "))])
            }),
        ])
    }

    func derogations(_ clauses: [ClauseInstance]) -> Node<HTML.BodyContext> {
        let chosen = clauses.filter(\.isDerogation)
        guard !chosen.isEmpty else {
            return E("p", ["class": "ok"], text: l.t("Aucune dérogation : le contrat reprend les clauses standard.", "No derogation: the contract keeps the standard clauses."))
        }
        return .group([
            E("p", [:], text: l.derogationCount(chosen.count) + l.t(", surlignées dans l'aperçu :", ", highlighted in the preview:")),
            E("ul", ["class": "derogations"], chosen.map { c in
                E("li", [:], [E("strong", [:], text: c.title), T(" — " + l.variant(c)
                    + (c.derogationCategory.map { " · " + Vocabulary.category($0, l.language) } ?? "")
                    + (c.requiresApprovalBy.isEmpty ? "" : " · " + l.t("validation ", "approval: ") + l.roles(c.requiresApprovalBy)))])
            }),
        ])
    }

    /// What is still missing, each field by its label.
    func missing(_ errors: [FieldError], manifest: TemplateManifest) -> Node<HTML.BodyContext> {
        let labels = Dictionary(manifest.variables.map { ("variables.\($0.name)", $0.label) }, uniquingKeysWith: { a, _ in a })
        return .group([
            E("p", ["class": "muted"], text: l.t("L'aperçu s'affichera quand ces champs seront remplis :", "The preview appears once these fields are filled in:")),
            E("ul", [:], errors.map { e in
                let base = labels.first { e.field == $0.key || e.field.hasPrefix($0.key + ".") }?.value ?? l.t("Formulaire", "Form")
                return E("li", [:], text: base + l.t("\u{00A0}: ", ": ") + l.fieldMessage(e))
            }),
        ])
    }
}
