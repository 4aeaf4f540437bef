// The wire format of the documents module, written field by field.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "documents/model.hpp"

namespace eiso::documents {

nlohmann::json ToJson(const Qms& q);
nlohmann::json ToJson(const Announcement& a);
nlohmann::json ToJson(const Document& d);
nlohmann::json ToJson(const Version& v);
nlohmann::json ToJson(const Attachment& a);
nlohmann::json ToJson(const Signature& s);
nlohmann::json ToJson(const Receipt& r);
nlohmann::json ToJson(const InboxItem& i);
nlohmann::json ToJson(const LegalText& t);
nlohmann::json ToJson(const VerifyResult& r);

// {owner_agency_id, member_agency_ids?, name, edition?, scope?: [{code, name}]}
Result<QmsInput> ParseQmsInput(const nlohmann::json& body);
// {decision_number, decision_date, signer, dost_notice_date?, posted_office_date?, posted_website_date?}
Result<Announcement> ParseAnnouncement(const nlohmann::json& body);
// {title, content?, amendments?: [{what, where, why}], effective_date?, review_due_date?}
Result<DraftInput> ParseDraftInput(const nlohmann::json& body);
// {qms_id, code, kind, …draft}
Result<NewDocumentInput> ParseNewDocumentInput(const nlohmann::json& body);
Result<std::vector<std::int64_t>> ParseIdArray(const nlohmann::json& body, const char* field);

}  // namespace eiso::documents
