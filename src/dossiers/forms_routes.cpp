// HTTP ↔ printable forms: Mẫu 01–05 of a dossier and the Mẫu 06 book as PDF (forms.hpp).
#include <charconv>

#include <nlohmann/json.hpp>

#include "core/json.hpp"
#include "dossiers/routes.hpp"

namespace eiso::dossiers {

using http::Access;
using http::Reply;
using http::Request;

namespace {

Reply PdfReply(Service::PrintedForm form) {
  Reply reply;
  reply.content_type = "application/pdf";
  reply.body = std::move(form.pdf);
  reply.WithHeader("content-disposition", http::ContentDisposition(form.filename, http::Disposition::kInline))
      .WithHeader("cache-control", "no-store");
  return reply;
}

// An optional whole number query parameter; kInvalidInput "dossiers.bad_period" naming it.
Result<std::optional<int>> IntQuery(const Request& req, const char* name) {
  const std::string text = req.Query(name);
  if (text.empty()) return std::optional<int>();
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return Error::Invalid("dossiers.bad_period", name);
  return std::optional<int>(value);
}

}  // namespace

void RegisterFormRoutes(http::Router& router, const Service& dossiers, const std::string& public_url) {

  // Mẫu 06 Sổ theo dõi hồ sơ: ?agency_id=&year=[&from=M&to=M] (months 1–12).
  router.Get("/api/dossiers/book", Access::kAuthenticated, [&dossiers](Request& req) -> Result<Reply> {
    Service::BookQuery q;
    q.agency_id = req.actor.agency_id;
    if (const std::string a = req.Query("agency_id"); !a.empty()) {
      const auto [end, ec] = std::from_chars(a.data(), a.data() + a.size(), q.agency_id);
      if (ec != std::errc() || end != a.data() + a.size()) return Error::Invalid("common.bad_type", "agency_id");
    }
    EISO_TRY(year, IntQuery(req, "year"));
    if (!year) return Error::Invalid("dossiers.bad_period", "year");
    q.year = *year;
    EISO_TRY(from, IntQuery(req, "from"));
    EISO_TRY(to, IntQuery(req, "to"));
    q.from_month = from.value_or(1);
    q.to_month = to.value_or(12);
    EISO_TRY(form, dossiers.PrintBook(req.actor, q));
    return PdfReply(std::move(form));
  });

  // Mẫu 01–05 without the lookup code (it was given once, at intake).
  router.Get("/api/dossiers/{id}/forms/{kind}", Access::kAuthenticated,
             [&dossiers, &public_url](Request& req) -> Result<Reply> {
               EISO_TRY(id, req.IdParam("id"));
               const auto kind = forms::ParseKind(req.PathParam("kind"));
               if (!kind || *kind == forms::FormKind::kBook) return Error::Invalid("dossiers.bad_form_kind", "kind");
               EISO_TRY(form, dossiers.PrintForm(req.actor, id, *kind, "", public_url));
               return PdfReply(std::move(form));
             });

  // Mẫu 01 with the lookup code the intake answered, {"secret": "…"}: checked against its hash,
  // then printed and put in the QR code (the UI calls this right after intake).
  router.Post("/api/dossiers/{id}/forms/01", Access::kAuthenticated,
              [&dossiers, &public_url](Request& req) -> Result<Reply> {
                EISO_TRY(id, req.IdParam("id"));
                EISO_TRY(body, req.Json());
                EISO_TRY(secret, core::RequireString(body, "secret", 64));
                if (secret.empty()) return Error::Invalid("common.required", "secret");
                EISO_TRY(form, dossiers.PrintForm(req.actor, id, forms::FormKind::kReceipt, secret, public_url));
                return PdfReply(std::move(form));
              });
}

}  // namespace eiso::dossiers
