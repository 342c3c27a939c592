// The extended query protocol: Parse, Bind, Describe, Execute and Close on
// one connection's prepared statements and portals. After an error the
// connection drops messages up to Sync (connection.cpp).
#include <spdlog/spdlog.h>

#include "engine/common/db_error.hpp"
#include "engine/parser/parser.hpp"
#include "engine/types/object_names.hpp"
#include "protocol/value_format.hpp"
#include "server/wire/connection.hpp"

namespace heliosdb::server {

namespace {

using protocol::ErrorFields;

engine::DbError protocol_error(const std::string& message) {
  return engine::DbError(engine::sqlstate::kProtocolViolation, message);
}

std::string statement_label(const std::string& name) {
  return name.empty() ? "unnamed prepared statement" : "prepared statement \"" + name + "\"";
}

bool returns_rows(const engine::ast::Statement& statement) {
  namespace ast = engine::ast;
  return std::visit(
      [](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::SelectStmt> || std::is_same_v<T, ast::ExplainStmt>) {
          return true;
        } else if constexpr (std::is_same_v<T, ast::InsertStmt> || std::is_same_v<T, ast::UpdateStmt> ||
                             std::is_same_v<T, ast::DeleteStmt>) {
          return !node.returning.empty();
        } else if constexpr (std::is_same_v<T, ast::SettingStmt>) {
          return node.kind == ast::SettingStmt::Kind::kShow || node.kind == ast::SettingStmt::Kind::kShowAll;
        } else if constexpr (std::is_same_v<T, ast::FetchStmt>) {
          return !node.move;
        } else {
          return false;
        }
      },
      statement.node);
}

}  // namespace

void Connection::extended_message(char type, const std::string& body) {
  // Decoding first: bytes that do not parse end the connection (the caller
  // turns the ProtocolViolation into FATAL); what they ask for may fail
  // like any statement.
  switch (type) {
    case 'P': {
      auto m = protocol::decode_parse(body);
      return guarded([&] { parse(m); });
    }
    case 'B': {
      auto m = protocol::decode_bind(body);
      return guarded([&] { bind(m); });
    }
    case 'D': {
      auto m = protocol::decode_target(body);
      return guarded([&] { describe(m); });
    }
    case 'E': {
      auto m = protocol::decode_execute(body);
      return guarded([&] { execute(m); });
    }
    default: {
      auto m = protocol::decode_target(body);
      return guarded([&] { close(m); });
    }
  }
}

void Connection::guarded(const std::function<void()>& handle) {
  try {
    handle();
    return;
  } catch (const engine::DbError& e) {
    send_error(error_fields(e));
  } catch (const protocol::ProtocolViolation& e) {
    // A request that contradicts itself (format codes for the wrong number
    // of columns): an error for this exchange, not for the connection.
    send_error(ErrorFields::of("ERROR", "08P01", e.what()));
  } catch (const std::exception& e) {
    spdlog::error("connection {}: internal error: {}", pid_, e.what());
    send_error(ErrorFields::of("ERROR", "XX000", std::string("internal error: ") + e.what()));
  }
  session_->fail_transaction();
  skip_to_sync_ = true;
}

void Connection::parse(const protocol::ParseMessage& m) {
  // Parameters declared void are pgjdbc's result placeholders: left out of function calls.
  std::vector<int> placeholders;
  for (std::size_t i = 0; i < m.param_types.size(); ++i) {
    if (m.param_types[i] == engine::kVoidPseudoTypeOid) placeholders.push_back(static_cast<int>(i + 1));
  }
  auto statements = std::make_shared<std::vector<engine::ast::Statement>>(engine::parser::parse(m.query, placeholders));
  if (statements->size() > 1) {
    throw engine::DbError(engine::sqlstate::kSyntaxError, "cannot insert multiple commands into a prepared statement");
  }
  engine::PreparedStatement prepared;
  // Owning the parsed text, pointing at its one statement.
  if (!statements->empty())
    prepared.statement = std::shared_ptr<const engine::ast::Statement>(statements, &(*statements)[0]);
  prepared.param_types = m.param_types;
  prepared.text = m.query;
  auto count = static_cast<std::size_t>(engine::parser::highest_param(m.query));
  if (prepared.param_types.size() < count) prepared.param_types.resize(count, 0);
  session_->prepare(m.statement, std::move(prepared));
  out_.parse_complete();
}

void Connection::bind(const protocol::BindMessage& m) {
  std::shared_ptr<const engine::PreparedStatement> prepared = session_->prepared(m.statement);
  // A binary value's layout depends on its type: one the client left open
  // is the type the statement gives it, found by describing it now.
  for (std::size_t i = 0; i < m.params.size() && i < prepared->param_types.size(); ++i) {
    if (prepared->param_types[i] == 0 && protocol::format_of(m.param_formats, i, m.params.size()) == 1) {
      session_->describe_prepared(m.statement);
      prepared = session_->prepared(m.statement);
      break;
    }
  }
  if (!m.portal.empty() && portals_.contains(m.portal)) {
    throw engine::DbError(engine::sqlstate::kDuplicateCursor, "portal \"" + m.portal + "\" already exists");
  }
  const engine::PreparedStatement& statement = *prepared;
  if (m.params.size() != statement.param_types.size()) {
    throw protocol_error("bind message supplies " + std::to_string(m.params.size()) + " parameters, but " +
                         statement_label(m.statement) + " requires " + std::to_string(statement.param_types.size()));
  }
  Portal portal;
  portal.statement = prepared;
  portal.result_formats = m.result_formats;
  for (std::size_t i = 0; i < m.params.size(); ++i) {
    portal.params.push_back(protocol::decode_param(m.params[i],
                                                   protocol::format_of(m.param_formats, i, m.params.size()),
                                                   statement.param_types[i], static_cast<int>(i + 1)));
  }
  portals_[m.portal] = std::move(portal);
  out_.bind_complete();
}

Connection::Portal& Connection::portal(const std::string& name) {
  auto it = portals_.find(name);
  if (it == portals_.end()) {
    throw engine::DbError(engine::sqlstate::kUndefinedCursor, "portal \"" + name + "\" does not exist");
  }
  return it->second;
}

void Connection::run_portal(Portal& portal) {
  if (portal.result) return;
  session_->begin_implicit();  // until Sync, as PostgreSQL's extended protocol runs statements
  statement_started(portal.statement->text);
  engine::QueryResult result;
  session_->execute_prepared(*portal.statement, portal.params, [&](engine::QueryResult&& r) { result = std::move(r); });
  if (const auto& described = portal.statement->result_types) {
    // The client decodes rows by the shape it was told; a statement whose
    // tables changed since must be prepared again (asyncpg does so on this error).
    bool same = described->size() == result.columns.size();
    for (std::size_t i = 0; same && i < result.columns.size(); ++i) {
      same = (*described)[i] == engine::type_oid(result.columns[i].type);
    }
    if (!same && result.returns_rows) {
      throw engine::DbError(engine::sqlstate::kFeatureNotSupported, "cached plan must not change result type")
          .with_routine("RevalidateCachedQuery");
    }
  }
  send_notices(result);
  portal.result = std::move(result);
}

void Connection::describe(const protocol::TargetMessage& m) {
  if (m.kind == 'P') {
    if (!portals_.contains(m.name)) {
      // Portals and DECLAREd cursors share one namespace in PostgreSQL:
      // psycopg 3 describes its DECLARE "c" cursor as the portal "c".
      if (const engine::Cursor* cursor = session_->find_cursor(m.name)) {
        engine::QueryResult shape;
        shape.columns = cursor->columns();
        row_description(shape, {});
        return;
      }
    }
    Portal& p = portal(m.name);
    // Only a portal with rows to describe runs now; a COPY must not start before its Execute.
    if (!p.statement->statement || !returns_rows(*p.statement->statement)) {
      out_.no_data();
      return;
    }
    run_portal(p);
    if (p.result->returns_rows) {
      row_description(*p.result, p.result_formats);
    } else {
      out_.no_data();
    }
    return;
  }
  const engine::StatementDescription d = session_->describe_prepared(m.name);
  out_.parameter_description(d.param_types);
  if (d.returns_rows) {
    engine::QueryResult shape;
    shape.columns = d.columns;
    row_description(shape, {});
  } else {
    out_.no_data();
  }
}

void Connection::execute(const protocol::ExecuteMessage& m) {
  Portal& p = portal(m.portal);
  if (!p.statement->statement) {
    out_.empty_query_response();
    return;
  }
  run_portal(p);
  const engine::QueryResult& result = *p.result;
  if (!result.returns_rows) {
    out_.command_complete(result.command_tag);
    return;
  }
  const std::size_t total = result.rows.size();
  const std::size_t end = m.max_rows == 0 ? total : std::min(total, p.next_row + m.max_rows);
  // The row formats were checked when the portal was described, or are now.
  if (!p.result_formats.empty()) protocol::format_of(p.result_formats, 0, result.columns.size());
  const std::size_t from = p.next_row;
  send_rows(result, from, end, p.result_formats);
  p.next_row = end;
  if (end < total) {
    out_.portal_suspended();
    return;
  }
  // A SELECT counts the rows this Execute returned, as PostgreSQL's does.
  if (result.command_tag.starts_with("SELECT")) {
    out_.command_complete("SELECT " + std::to_string(end - from));
  } else {
    out_.command_complete(result.command_tag);
  }
}

void Connection::close(const protocol::TargetMessage& m) {
  // Closing what does not exist is not an error.
  if (m.kind == 'S') {
    session_->deallocate(m.name, true);
  } else {
    if (portals_.erase(m.name) == 0) session_->close_cursor_if_exists(m.name);  // one namespace, as in Describe
  }
  out_.close_complete();
}

}  // namespace heliosdb::server
