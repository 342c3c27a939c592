#include "engine/exec/relation_size.hpp"

#include "engine/catalog/catalog.hpp"
#include "engine/exec/catalog_row_oids.hpp"

namespace heliosdb::engine {

namespace {

// A sequence is one heap page in PostgreSQL; ours is one small record, so
// its page is what reports honestly to tools that add sizes up.
constexpr std::int64_t kSequenceSize = 8192;

std::int64_t range_bytes(ExecContext& ctx, const std::string& begin, const std::string& end) {
  std::int64_t bytes = 0;
  storage::Scanner scanner = ctx.txn.scan(begin, end);
  while (scanner.next()) bytes += static_cast<std::int64_t>(scanner.key().size() + scanner.value().size());
  return bytes;
}

std::int64_t index_bytes(ExecContext& ctx, std::uint32_t index) {
  return range_bytes(ctx, Catalog::index_begin(index), Catalog::index_end(index));
}

std::int64_t indexes_bytes(ExecContext& ctx, const TableDef& table) {
  std::int64_t bytes = 0;
  for (const IndexDef& index : table.indexes) bytes += index_bytes(ctx, index.oid);
  return bytes;
}

}  // namespace

std::int64_t database_size(ExecContext& ctx) { return range_bytes(ctx, std::string(), std::string()); }

std::optional<std::int64_t> relation_size(ExecContext& ctx, std::uint32_t oid, SizeOf what) {
  if (std::optional<TableDef> table = ctx.catalog.find_table(oid)) {
    // The rows are stored in primary-key order: the key is the table's own index.
    const std::int64_t rows = range_bytes(ctx, Catalog::rows_begin(oid), Catalog::rows_end(oid));
    switch (what) {
      case SizeOf::kRelation:
      case SizeOf::kTable:
        return rows;
      case SizeOf::kIndexes:
        return indexes_bytes(ctx, *table);
      case SizeOf::kTotal:
        return rows + indexes_bytes(ctx, *table);
    }
  }
  for (const TableDef& t : ctx.catalog.tables()) {
    for (const IndexDef& index : t.indexes) {
      if (index.oid == oid) return what == SizeOf::kIndexes ? 0 : index_bytes(ctx, oid);
    }
    if (!t.primary_key.empty() && primary_key_index_oid(t) == oid) return 0;  // the rows themselves
  }
  if (ctx.catalog.find_sequence(oid)) return what == SizeOf::kIndexes ? 0 : kSequenceSize;
  if (ctx.catalog.find_view(oid)) return 0;
  return std::nullopt;
}

}  // namespace heliosdb::engine
