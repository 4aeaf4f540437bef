#include "documents/routes.hpp"

#include <charconv>

#include "core/json.hpp"
#include "documents/json.hpp"

namespace eiso::documents {

using http::Access;
using http::Reply;
using http::Request;

namespace {

Result<int> VersionParam(const Request& req) {
  EISO_TRY(n, req.IdParam("number"));
  if (n > 1'000'000) return Error::NotFound();
  return static_cast<int>(n);
}

nlohmann::json List(const auto& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : items) out.push_back(ToJson(item));
  return out;
}

Result<ListFilter> ParseFilter(const Request& req) {
  ListFilter f;
  if (const std::string qms = req.Query("qms_id"); !qms.empty()) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(qms.data(), qms.data() + qms.size(), id);
    if (ec != std::errc() || ptr != qms.data() + qms.size()) return Error::Invalid("common.bad_id", "qms_id");
    f.qms_id = id;
  }
  if (const std::string kind = req.Query("kind"); !kind.empty()) {
    f.kind = ParseKind(kind);
    if (!f.kind) return Error::Invalid("documents.bad_kind", "kind");
  }
  if (const std::string state = req.Query("state"); !state.empty()) {
    f.state = ParseState(state);
    if (!f.state) return Error::Invalid("documents.bad_state", "state");
  }
  f.review_due = req.Query("review_due") == "true";
  f.query = req.Query("q");
  if (f.query.size() > 200) return Error::Invalid("common.too_long", "q");
  return f;
}

}  // namespace

void RegisterRoutes(http::Router& router, const Service& documents) {
  // QMS registry.
  router.Get("/api/qms", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(list, documents.ListQms(req.actor));
    return Reply::Json({{"qms", List(list)}});
  });
  router.Get("/api/qms/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(qms, documents.GetQms(req.actor, id));
    return Reply::Json(ToJson(qms));
  });
  router.Post("/api/qms", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseQmsInput(body));
    EISO_TRY(qms, documents.CreateQms(req.actor, input));
    return Reply::Created(ToJson(qms));
  });
  router.Put("/api/qms/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseQmsInput(body));
    EISO_TRY(qms, documents.UpdateQms(req.actor, id, input));
    return Reply::Json(ToJson(qms));
  });
  router.Post("/api/qms/{id}/announcements", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(announcement, ParseAnnouncement(body));
    EISO_TRY(qms, documents.Announce(req.actor, id, announcement));
    return Reply::Created(ToJson(qms));
  });
  router.Post("/api/qms/{id}/framework", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(created, documents.CreateFromFramework(req.actor, id));
    return Reply::Created({{"document_ids", created}});
  });

  // Documents.
  router.Get("/api/documents", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(filter, ParseFilter(req));
    EISO_TRY(list, documents.List(req.actor, filter));
    return Reply::Json({{"documents", List(list)}});
  });
  router.Get("/api/documents/inbox", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(items, documents.Inbox(req.actor));
    return Reply::Json({{"items", List(items)}});
  });
  router.Post("/api/documents", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseNewDocumentInput(body));
    EISO_TRY(doc, documents.Create(req.actor, input));
    return Reply::Created(ToJson(doc));
  });
  router.Get("/api/documents/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(doc, documents.Get(req.actor, id));
    return Reply::Json(ToJson(doc));
  });
  router.Post("/api/documents/{id}/versions", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(doc, documents.NewVersion(req.actor, id));
    return Reply::Created(ToJson(doc));
  });
  router.Put("/api/documents/{id}/versions/{number}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(number, VersionParam(req));
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseDraftInput(body));
    EISO_TRY(doc, documents.UpdateDraft(req.actor, id, number, input));
    return Reply::Json(ToJson(doc));
  });
  // {action: submit | review | return | approve | issue | obsolete, effective_date?}
  router.Post("/api/documents/{id}/versions/{number}/transitions", Access::kAuthenticated,
              [&](Request& req) -> Result<Reply> {
                EISO_TRY(id, req.IdParam("id"));
                EISO_TRY(number, VersionParam(req));
                EISO_TRY(body, req.Json());
                EISO_TRY(name, core::RequireString(body, "action", 20));
                auto action = ParseAction(name);
                if (!action) return Error::Invalid("documents.bad_action", "action");
                EISO_TRY(effective, core::OptionalDate(body, "effective_date"));
                EISO_TRY(doc, documents.Transition(req.actor, id, number, *action, effective));
                return Reply::Json(ToJson(doc));
              });
  router.Get("/api/documents/{id}/versions/{number}/verify", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(number, VersionParam(req));
    EISO_TRY(result, documents.Verify(req.actor, id, number));
    return Reply::Json(ToJson(result));
  });
  // The raw file as the body; its name in ?filename= (UTF-8, percent-encoded).
  router.Upload("/api/documents/{id}/versions/{number}/attachments", Access::kAuthenticated,
                documents.max_upload_bytes(), [&](Request& req) -> Result<Reply> {
                  EISO_TRY(id, req.IdParam("id"));
                  EISO_TRY(number, VersionParam(req));
                  std::string filename = req.Query("filename");
                  if (filename.empty()) filename = http::PercentDecode(req.Header("x-filename"));
                  EISO_TRY(attachment, documents.AddAttachment(req.actor, id, number, filename, req.body));
                  return Reply::Created(ToJson(attachment));
                });
  router.Get("/api/documents/{id}/versions/{number}/attachments/{sha256}", Access::kAuthenticated,
             [&](Request& req) -> Result<Reply> {
               EISO_TRY(id, req.IdParam("id"));
               EISO_TRY(number, VersionParam(req));
               const std::string sha(req.PathParam("sha256"));
               const std::string etag = "\"" + sha + "\"";
               EISO_TRY(file, documents.Download(req.actor, id, number, sha));
               Reply reply;
               if (req.Header("if-none-match") == etag) {
                 reply.status = 304;
                 reply.content_type.clear();
               } else {
                 reply.body = std::move(file.bytes);
                 reply.content_type = file.content_type;
               }
               reply
                   .WithHeader("content-disposition",
                               http::ContentDisposition(file.filename, http::Disposition::kAttachment))
                   .WithHeader("etag", etag)
                   .WithHeader("cache-control", "private, no-cache");
               return reply;
             });
  router.Delete("/api/documents/{id}/versions/{number}/attachments/{sha256}", Access::kAuthenticated,
                [&](Request& req) -> Result<Reply> {
                  EISO_TRY(id, req.IdParam("id"));
                  EISO_TRY(number, VersionParam(req));
                  EISO_CHECK(documents.RemoveAttachment(req.actor, id, number, std::string(req.PathParam("sha256"))));
                  return Reply::NoContent();
                });
  // {agency_ids?: [], user_ids?: []}
  router.Post("/api/documents/{id}/distribution", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(agencies, ParseIdArray(body, "agency_ids"));
    EISO_TRY(users, ParseIdArray(body, "user_ids"));
    EISO_TRY(receipts, documents.Distribute(req.actor, id, agencies, users));
    return Reply::Json({{"receipts", List(receipts)}});
  });
  router.Get("/api/documents/{id}/receipts", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(receipts, documents.Receipts(req.actor, id));
    return Reply::Json({{"receipts", List(receipts)}});
  });
  router.Post("/api/documents/{id}/acknowledge", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_CHECK(documents.Acknowledge(req.actor, id));
    return Reply::NoContent();
  });
  router.Put("/api/documents/{id}/legal-bases", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(ids, ParseIdArray(body, "legal_text_ids"));
    EISO_TRY(doc, documents.SetLegalBases(req.actor, id, ids));
    return Reply::Json(ToJson(doc));
  });

  // Legal texts.
  router.Get("/api/legal-texts", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(list, documents.ListLegalTexts(req.actor));
    return Reply::Json({{"legal_texts", List(list)}});
  });
  router.Post("/api/legal-texts", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    LegalText text;
    EISO_TRY(number, core::RequireString(body, "number", 60));
    EISO_TRY(title, core::RequireString(body, "title", 500));
    text.number = number;
    text.title = title;
    EISO_TRY(created, documents.CreateLegalText(req.actor, text));
    return Reply::Created(ToJson(created));
  });
  router.Post("/api/legal-texts/{id}/changed", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(changed_on, core::RequireDate(body, "changed_on"));
    EISO_TRY(flagged, documents.MarkLegalTextChanged(req.actor, id, changed_on));
    return Reply::Json({{"documents_flagged", flagged}});
  });
}

}  // namespace eiso::documents
