#include "engine/exec/index_history.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/catalog.hpp"
#include "engine/exec/index_access.hpp"
#include "engine/exec/row_codec.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

namespace {

using Pasts = std::map<std::string, std::vector<storage::PastVersion>>;

// Row keys every this many rows bound the ranges whose versions are read at
// once: a table's whole history need not be in memory together.
constexpr std::size_t kRowsPerRange = 8192;

std::vector<std::string> range_bounds(ExecContext& ctx, const TableDef& table) {
  std::vector<std::string> bounds{Catalog::rows_begin(table.oid)};
  storage::Scanner scanner = ctx.catalog.scan_rows(table);
  for (std::size_t n = 1; scanner.next(); ++n) {
    if (n % kRowsPerRange == 0) bounds.emplace_back(scanner.key());
  }
  bounds.push_back(Catalog::rows_end(table.oid));
  return bounds;
}

bool same_column(const ColumnDef& a, const ColumnDef& b) { return a.name == b.name && a.type == b.type; }

// Whether `then` has the index's columns where `now` has them: the index
// then means what it means now.
bool has_columns_of(const TableDef& then, const TableDef& now, const IndexDef& index) {
  return then.oid == now.oid && std::all_of(index.columns.begin(), index.columns.end(), [&](int c) {
           const auto at = static_cast<std::size_t>(c);
           return at < then.columns.size() && at < now.columns.size() && same_column(then.columns[at], now.columns[at]);
         });
}

// What the past is made from: the table's definitions since the floor (a row
// version was written under the one in force at its start), and the first
// SCN from which the index has every entry.
struct PastSource {
  std::vector<Catalog::TableVersion> defs;
  storage::Scn from = 0;
};

const TableDef* def_at(const PastSource& source, storage::Scn scn) {
  for (const Catalog::TableVersion& d : source.defs) {
    if (d.start <= scn && (d.end == 0 || scn < d.end)) return d.def.get();
  }
  return nullptr;
}

// Adds the entries the row versions of [begin, end) had: one past version per
// run of a row's versions that gave the same entry. A version written under
// a definition without the index's columns has none, so the past starts after
// it; false if that version is still current (the index has no past at all).
bool add_pasts(ExecContext& ctx, const TableDef& table, const IndexDef& index, std::string_view begin,
               std::string_view end, PastSource& source, Pasts& pasts) {
  const std::vector<storage::KeyVersion> versions = ctx.txn.versions(begin, end, source.from, ctx.txn.snapshot_scn());
  storage::PastVersion* last = nullptr;  ///< the previous version's entry, while it is the same row's
  std::string last_entry;
  std::string_view last_row;
  for (const storage::KeyVersion& v : versions) {
    ctx.check_interrupts();
    const bool same_row = v.key == last_row;
    last_row = v.key;
    const TableDef* then = def_at(source, v.start);
    if (then == nullptr || !has_columns_of(*then, table, index)) {
      if (v.end == 0) return false;
      source.from = std::max(source.from, v.end);
      last = nullptr;
      continue;
    }
    const std::string suffix(row_key_suffix(table, v.key));
    std::optional<std::string> entry = index_entry_key(*then, index, decode_row(*then, v.value), suffix);
    if (!entry) {
      last = nullptr;
      continue;
    }
    if (same_row && last != nullptr && *entry == last_entry && last->end == v.start) {
      last->end = v.end;  // the row changed, its entry did not
      continue;
    }
    std::vector<storage::PastVersion>& of_entry = pasts[*entry];
    of_entry.push_back({v.start, v.end, suffix});
    last = &of_entry.back();
    last_entry = std::move(*entry);
  }
  return true;
}

// Whether an entry ever had two versions at once: two rows held one value of a unique index.
bool overlapping(Pasts& pasts) {
  for (auto& [entry, versions] : pasts) {
    std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    for (std::size_t i = 1; i < versions.size(); ++i) {
      if (versions[i - 1].end == 0 || versions[i].start < versions[i - 1].end) return true;
    }
  }
  return false;
}

}  // namespace

void give_index_history(ExecContext& ctx, const TableDef& table, IndexDef& index) {
  if (!index.plain()) return;  // AS OF reads use plain indexes only (with_indexes_made_later)
  PastSource source;
  source.from = ctx.txn.store().retention_floor();
  source.defs = ctx.catalog.table_versions(table.schema, table.name, source.from);
  const std::vector<std::string> bounds = range_bounds(ctx, table);
  Pasts pasts;
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    if (!add_pasts(ctx, table, index, bounds[i], bounds[i + 1], source, pasts)) return;
  }
  if (index.unique && overlapping(pasts)) return;
  for (auto& [entry, versions] : pasts) {
    for (storage::PastVersion& v : versions) {
      // Entries of versions that ended before the past's start are not needed.
      if (v.end == 0 || v.end > source.from) ctx.txn.give_past(entry, std::move(v));
    }
  }
  index.history_branch = ctx.txn.branch();
  index.history_from = source.from;
}

std::shared_ptr<const TableDef> with_indexes_made_later(std::shared_ptr<const TableDef> then, storage::Scn scn,
                                                        ExecContext& ctx) {
  std::shared_ptr<const TableDef> now = ctx.catalog.table(then->schema, then->name);
  if (now == nullptr || now->oid != then->oid) return then;
  std::vector<IndexDef> later;
  for (const IndexDef& index : now->indexes) {
    // Only this branch's past: a branch forked or merged from the one that
    // made the index reads rows of its own that the past does not know.
    if (index.history_branch != ctx.txn.branch() || index.history_from > scn || !index.plain()) continue;
    if (std::any_of(then->indexes.begin(), then->indexes.end(),
                    [&](const IndexDef& known) { return known.oid == index.oid; })) {
      continue;
    }
    if (has_columns_of(*then, *now, index)) later.push_back(index);
  }
  if (later.empty()) return then;
  auto widened = std::make_shared<TableDef>(*then);
  widened->indexes.insert(widened->indexes.end(), later.begin(), later.end());
  return widened;
}

}  // namespace heliosdb::engine
