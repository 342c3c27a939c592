// Binding window function calls: the OVER clause (named windows merged as
// PostgreSQL merges them), the frame, and the function.
#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"

namespace heliosdb::engine {

namespace {

// A window definition after following its references to named windows.
struct MergedWindow {
  const ast::ExprList* partition = nullptr;
  const std::vector<ast::SortItem>* order = nullptr;
  const ast::WindowDef* frame = nullptr;  ///< the definition whose frame applies
};

const ast::WindowDef& named_window(const std::vector<std::shared_ptr<const ast::WindowDef>>* named,
                                   const std::string& name, int location) {
  if (named != nullptr) {
    for (const auto& w : *named) {
      if (w->name == name) return *w;
    }
  }
  throw at(DbError(sqlstate::kUndefinedObject, "window \"" + name + "\" does not exist"), location);
}

MergedWindow merge(const ast::WindowDef& w, const std::vector<std::shared_ptr<const ast::WindowDef>>* named,
                   int location, bool is_call) {
  // OVER name: the named window as it is.
  if (is_call && !w.name.empty()) return merge(named_window(named, w.name, location), named, location, false);
  if (w.refname.empty()) return {&w.partition_by, &w.order_by, &w};
  const ast::WindowDef& base_def = named_window(named, w.refname, location);
  MergedWindow base = merge(base_def, named, location, false);
  auto refuse = [&](const std::string& message) {
    throw at(DbError(sqlstate::kWindowingError, message), w.location >= 0 ? w.location : location);
  };
  if (!w.partition_by.empty()) refuse("cannot override PARTITION BY clause of window \"" + w.refname + "\"");
  if (!w.order_by.empty() && !base.order->empty()) {
    refuse("cannot override ORDER BY clause of window \"" + w.refname + "\"");
  }
  if (base.frame->frame_given) refuse("cannot copy window \"" + w.refname + "\" because it has a frame clause");
  return {base.partition, w.order_by.empty() ? base.order : &w.order_by, &w};
}

}  // namespace

void Binder::bind_frame(const ast::WindowDef& frame, WindowCall& out) {
  out.unit = frame.unit;
  out.exclude = frame.exclude;
  out.start.kind = frame.start.kind;
  out.end.kind = frame.end.kind;
  auto offset = [&](const ast::ExprPtr& e) -> BoundExprPtr {
    if (!e) return nullptr;
    BoundExprPtr b = bind(*e);
    if (frame.unit != ast::WindowDef::Unit::kRange) {
      return coerce(std::move(b), {TypeId::kInt8, -1}, CastContext::kImplicit);
    }
    if (out.order.size() != 1) {
      throw at(DbError(sqlstate::kWindowingError,
                       "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column"),
               e->location);
    }
    const SqlType key = out.order[0].expr->type;
    if (is_integer(key.id)) return coerce(std::move(b), {TypeId::kInt8, -1}, CastContext::kImplicit);
    if (is_float(key.id)) return coerce(std::move(b), {TypeId::kFloat8, -1}, CastContext::kImplicit);
    if (key.id == TypeId::kNumeric) return coerce(std::move(b), {TypeId::kNumeric, -1}, CastContext::kImplicit);
    if (is_datetime(key.id)) return coerce(std::move(b), {TypeId::kInterval, -1}, CastContext::kImplicit);
    throw at(DbError(sqlstate::kFeatureNotSupported,
                     "RANGE with offset PRECEDING/FOLLOWING is not supported for "
                     "column type " +
                         type_display_name(key)),
             e->location);
  };
  out.start.offset = offset(frame.start.offset);
  out.end.offset = offset(frame.end.offset);
}

BoundExprPtr Binder::bind_window(const ast::FuncCall& call, int location) {
  const std::string& name = call.name.back();
  if (windows_ == nullptr) {
    throw at(DbError(sqlstate::kWindowingError, "window functions are not allowed in " + clause_), location);
  }
  if (inside_window_) {
    throw at(DbError(sqlstate::kWindowingError, "window function calls cannot be nested"), location);
  }
  WindowCall out;
  const auto kind = window_kind(name);
  const auto aggregate = aggregate_kind(name);
  if (!kind && !(aggregate && call.name.size() == 1)) {
    throw at(DbError(sqlstate::kWrongObjectType,
                     "OVER specified, but " + name + " is not a window function nor an aggregate function"),
             location);
  }
  if (call.distinct) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "DISTINCT is not implemented for window functions"), location);
  }
  if (!call.order.empty() && !call.within_group) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "aggregate ORDER BY is not implemented for window functions"),
             location);
  }
  if (call.within_group) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "OVER is not supported for ordered-set aggregate " + name),
             location);
  }
  const MergedWindow window = merge(*call.over, named_windows_, location, true);
  for (const auto& e : *window.partition) {
    out.partition.push_back(bind(*e));
    require_equality(out.partition.back()->type, e->location);
  }
  for (const ast::SortItem& item : *window.order) {
    out.order.push_back(make_order(bind(*item.expr), item));
  }
  bind_frame(*window.frame, out);
  {
    inside_window_ = true;
    struct Reset {
      bool& flag;
      ~Reset() { flag = false; }
    } reset{inside_window_};
    for (const auto& arg : call.args) out.args.push_back(bind(*arg));
    if (call.filter) out.aggregate.filter = require_boolean(bind(*call.filter), "FILTER", location);
  }
  if (kind) {
    if (call.star || call.filter) {
      throw at(DbError(sqlstate::kWrongObjectType, std::string(call.star ? "*" : "FILTER") + " specified, but " + name +
                                                       " is not an aggregate function"),
               location);
    }
    out.kind = *kind;
  } else {
    out.kind = WindowKind::kAggregate;
    out.aggregate.name = name;
    out.aggregate.kind = *aggregate;
    if (call.star && name != "count") {
      throw at(
          DbError(sqlstate::kWrongObjectType, name + "(*) specified, but " + name + " is not an aggregate function"),
          location);
    }
    out.aggregate.args = std::move(out.args);
    out.args.clear();
    resolve_aggregate(out.aggregate, false, location);
  }
  resolve_window_call(out, name, location);
  auto placeholder = std::make_unique<BoundExpr>();
  placeholder->kind = BoundExpr::Kind::kWindow;
  placeholder->type = out.type;
  placeholder->column = static_cast<int>(windows_->size());
  windows_->push_back(std::move(out));
  return placeholder;
}

}  // namespace heliosdb::engine
