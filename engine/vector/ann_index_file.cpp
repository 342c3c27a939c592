// Saving an AnnIndex beside the store and reading it back: the FAISS
// structure as FAISS writes it, and our .keys file with the row keys.
#include <faiss/IndexHNSW.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/io.h>
#include <faiss/index_io.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "engine/vector/ann_index.hpp"
#include "storage/store_cipher.hpp"

namespace heliosdb::engine {

namespace {

constexpr std::string_view kSavedMagic = "HDBVIDX2";

// The .keys file: the magic, what the index was made for, then each FAISS
// id's row key and fingerprint. Native byte order: the file is this
// machine's own cache of what the table's rows give.
class SavedWriter {
 public:
  template <typename T>
  void number(T v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void text(std::string_view s) {
    number(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

class SavedReader {
 public:
  explicit SavedReader(std::string_view in) : in_(in) {}
  template <typename T>
  T number() {
    T v{};
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  std::string_view text() { return take(number<std::uint32_t>()); }
  std::string_view take(std::size_t n) {
    if (n > in_.size()) throw std::runtime_error("truncated");
    std::string_view out = in_.substr(0, n);
    in_.remove_prefix(n);
    return out;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

// What must match for a saved index to stand for `def` now.
std::string identity_of(const VectorIndexDef& def, int dimensions, const std::vector<int>& key_columns) {
  SavedWriter w;
  w.text(kSavedMagic);
  w.number(def.oid);
  w.text(def.name);
  w.number(static_cast<std::int32_t>(def.column));
  w.number(static_cast<std::int32_t>(dimensions));
  w.text(def.method);
  w.number(static_cast<std::uint8_t>(def.metric));
  w.text(def.quantization);
  w.number(static_cast<std::uint32_t>(def.options.size()));
  for (const auto& [name, value] : def.options) {
    w.text(name);
    w.number(value);
  }
  w.number(static_cast<std::uint32_t>(key_columns.size()));
  for (int c : key_columns) w.number(static_cast<std::int32_t>(c));
  return w.bytes();
}

// Makes a written file durable before it replaces the old one.
void sync_and_rename(const std::filesystem::path& from, const std::filesystem::path& to) {
  // The table's vectors, as private as the database files.
  std::filesystem::permissions(from, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const int fd = ::open(from.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("could not sync " + from.string());
  }
  ::close(fd);
  std::filesystem::rename(from, to);
}

std::filesystem::path with_suffix(const std::filesystem::path& base, const char* suffix) {
  return std::filesystem::path(base.string() + suffix);
}

// What a sealed file is bound to: its own name, so files cannot be swapped.
std::string seal_name(const std::filesystem::path& base, const char* suffix) {
  return base.filename().string() + suffix;
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) throw std::runtime_error("could not write " + path.string());
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

void AnnIndex::save(const std::filesystem::path& base, std::uint64_t covered,
                    const storage::StoreCipher* cipher) const {
  std::shared_lock lock(mutex_);
  if (!index_->is_trained) return;  // a few vectors kept aside: quicker to read again than to save
  const std::filesystem::path faiss_tmp = with_suffix(base, ".faiss.tmp");
  const std::filesystem::path keys_tmp = with_suffix(base, ".keys.tmp");
  try {
    if (cipher == nullptr) {
      faiss::write_index(index_.get(), faiss_tmp.c_str());
    } else {
      // An encrypted store's vectors are as private as its rows: sealed whole.
      faiss::VectorIOWriter writer;
      faiss::write_index(index_.get(), &writer);
      const std::string_view bytes(reinterpret_cast<const char*>(writer.data.data()), writer.data.size());
      write_file(faiss_tmp, cipher->seal_file(bytes, seal_name(base, ".faiss")));
    }
  } catch (const faiss::FaissException& e) {
    throw std::runtime_error(e.what());
  }
  SavedWriter w;
  w.number(covered);
  w.number(static_cast<std::int64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(built_at_.time_since_epoch()).count()));
  w.number(superseded_);
  w.number(static_cast<std::uint64_t>(keys_.size()));
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    w.text(keys_[i]);
    w.number(hashes_[i]);
  }
  const std::string keys = identity_of(def_, dimensions_, key_columns_) + w.bytes();
  write_file(keys_tmp, cipher == nullptr ? keys : cipher->seal_file(keys, seal_name(base, ".keys")));
  // The keys last: a .keys file whose entry count differs from the .faiss
  // beside it (a crash between the renames) is refused by load().
  sync_and_rename(faiss_tmp, with_suffix(base, ".faiss"));
  sync_and_rename(keys_tmp, with_suffix(base, ".keys"));
}

std::unique_ptr<AnnIndex> AnnIndex::copy() const {
  std::shared_lock lock(mutex_);
  if (!index_->is_trained || holding_) return nullptr;
  // Through FAISS's own serialisation: the one copy every structure has.
  faiss::VectorIOWriter writer;
  faiss::VectorIOReader reader;
  try {
    faiss::write_index(index_.get(), &writer);
    reader.data = std::move(writer.data);
    auto out = std::make_unique<AnnIndex>(def_, dimensions_);
    out->index_.reset(faiss::read_index(&reader));
    out->after_training();
    out->keys_ = keys_;
    out->hashes_ = hashes_;
    out->current_ = current_;
    out->superseded_ = superseded_;
    out->built_at_ = built_at_;
    out->key_columns_ = key_columns_;
    return out;
  } catch (const faiss::FaissException&) {
    return nullptr;
  }
}

std::unique_ptr<AnnIndex> AnnIndex::load(const std::filesystem::path& base, const VectorIndexDef& def, int dimensions,
                                         const std::vector<int>& key_columns, std::uint64_t* covered,
                                         const storage::StoreCipher* cipher) {
  std::optional<std::string> bytes = read_file(with_suffix(base, ".keys"));
  if (bytes && cipher != nullptr) bytes = cipher->open_file(*bytes, seal_name(base, ".keys"));
  if (!bytes) return nullptr;  // none, or not sealed with this key
  const std::string identity = identity_of(def, dimensions, key_columns);
  if (!std::string_view(*bytes).starts_with(identity)) return nullptr;  // another definition, or another format
  try {
    SavedReader r(std::string_view(*bytes).substr(identity.size()));
    auto index = std::make_unique<AnnIndex>(def, dimensions);
    index->key_columns_ = key_columns;
    *covered = r.number<std::uint64_t>();
    index->built_at_ = std::chrono::system_clock::time_point(std::chrono::microseconds(r.number<std::int64_t>()));
    index->superseded_ = r.number<std::int64_t>();
    const auto n = r.number<std::uint64_t>();
    if (n > bytes->size()) return nullptr;
    index->keys_.reserve(n);
    index->hashes_.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      index->keys_.emplace_back(r.text());
      index->hashes_.push_back(r.number<std::uint64_t>());
      // Later entries are the row's newer vectors.
      index->current_[index->keys_.back()] = index->hashes_.back();
    }
    if (!r.done()) return nullptr;
    std::unique_ptr<faiss::Index> structure;
    if (cipher == nullptr) {
      structure.reset(faiss::read_index(with_suffix(base, ".faiss").c_str()));
    } else {
      std::optional<std::string> sealed = read_file(with_suffix(base, ".faiss"));
      std::optional<std::string> plain = sealed ? cipher->open_file(*sealed, seal_name(base, ".faiss")) : std::nullopt;
      if (!plain) return nullptr;
      faiss::VectorIOReader reader;
      reader.data.assign(plain->begin(), plain->end());
      structure.reset(faiss::read_index(&reader));
    }
    if (structure->ntotal != static_cast<faiss::Index::idx_t>(n) || structure->d != dimensions ||
        !structure->is_trained) {
      return nullptr;
    }
    index->index_ = std::move(structure);
    index->after_training();
    return index;
  } catch (const std::exception&) {  // FaissException too: a damaged file is built again
    return nullptr;
  }
}

}  // namespace heliosdb::engine
