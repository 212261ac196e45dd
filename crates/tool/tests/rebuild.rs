//! A rebuild as Trunk runs it (a new, empty staging folder each time, moved over `dist/`
//! when the build succeeds) keeps the last build's unchanged files and renders only what an
//! edit changed, removes what the site no longer has, and its output is byte for byte a
//! full build's.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

#[path = "common/files.rs"]
mod files;

use blogtool as tool;
use blogtool::last_build::LastBuild;
use blogtool::output::OutputDir;

fn project_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = project_root().join("target/test-output/rebuild").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

const TRUNK_STYLESHEET: &str = "main-0123456789abcdef.css";

/// Trunk's page, with the app's stylesheet.
const TEMPLATE: &str = "<!DOCTYPE html><html><head><title>Blog</title>\
    <link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\" integrity=\"sha384-x\"/>\
    <script type=\"module\">import init from '/app.js'; await init();</script></head>\
    <body><div id=\"app\"></div></body></html>";

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder");
    for entry in fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copied");
        }
    }
}

/// Every file under `dir` (its path inside it) with its bytes and inode.
fn tree(dir: &Path) -> BTreeMap<String, (Vec<u8>, u64)> {
    files::files_under(dir)
        .into_iter()
        .map(|(relative, path)| {
            let inode = fs::metadata(&path).expect("metadata").ino();
            (relative, (fs::read(&path).expect("read"), inode))
        })
        .collect()
}

/// The files of `after` that are not those of `before` (other bytes or another inode).
fn changed<'a>(
    before: &BTreeMap<String, (Vec<u8>, u64)>,
    after: &'a BTreeMap<String, (Vec<u8>, u64)>,
) -> Vec<&'a str> {
    after
        .iter()
        .filter(|(path, file)| before.get(*path) != Some(*file))
        .map(|(path, _)| path.as_str())
        .collect()
}

/// What a build kept of the last one.
#[derive(Debug, PartialEq)]
struct Kept {
    /// Files kept, of how many.
    files: (usize, usize),
    /// Bodies' renders reused, of how many bodies.
    renders: (usize, usize),
    /// Searchable texts reused, of how many pages indexed.
    search_texts: (usize, usize),
}

/// Builds `site_dir` as Trunk does into `dist`: the hook writes into a new `dist/.stage`
/// (keeping the last build's files the record at `record` names, and reusing the renders
/// and searchable texts kept beside it), then the staged files replace `dist`'s.
fn trunk_build(site_dir: &Path, dist: &Path, record: &Path) -> Kept {
    let staging = dist.join(".stage");
    fs::create_dir_all(&staging).expect("staging folder");
    fs::write(staging.join("index.html"), TEMPLATE).expect("template");
    fs::write(staging.join(TRUNK_STYLESHEET), "body { margin: 0 }\n").expect("css");
    let kept = tool::KeptPaths::beside(record);
    let built = tool::build_reusing(site_dir, Some(kept.read())).expect("the site builds");
    let output = OutputDir::create(&staging)
        .expect("output folder")
        .keeping(LastBuild::open(dist, record.to_owned()));
    tool::write_output(site_dir, &output, &built).expect("output written");
    let search = tool::prerender::prerender(&output, &built)
        .expect("prerendered")
        .search;
    let last_build = output.last_build().expect("a last build");
    last_build.complete(&staging).expect("build completed");
    kept.write(&built).expect("work kept");
    let kept = Kept {
        files: last_build.counts(),
        renders: (built.renders.reused(), built.bodies.len()),
        search_texts: (search.texts_kept, search.pages),
    };
    for entry in fs::read_dir(dist).expect("dist") {
        let path = entry.expect("entry").path();
        if path == staging {
            continue;
        }
        if path.is_dir() {
            fs::remove_dir_all(&path).expect("old folder removed");
        } else {
            fs::remove_file(&path).expect("old file removed");
        }
    }
    for entry in fs::read_dir(&staging).expect("staging") {
        let entry = entry.expect("entry");
        fs::rename(entry.path(), dist.join(entry.file_name())).expect("moved");
    }
    fs::remove_dir(&staging).expect("staging removed");
    kept
}

#[test]
fn an_edit_renders_its_page_again_and_the_rest_is_kept_as_a_full_build_writes_it() {
    let work = scratch_dir("edit");
    let site = work.join("site");
    copy_tree(&project_root().join("tests/fixtures/linked"), &site);
    let dist = work.join("dist");
    let record = work.join("record.txt");

    let first = trunk_build(&site, &dist, &record);
    let (kept, files) = first.files;
    let (reused, bodies) = first.renders;
    let indexed = first.search_texts.1;
    assert_eq!(
        (kept, reused, first.search_texts.0),
        (0, 0, 0),
        "nothing to keep on a first build"
    );
    let before = tree(&dist);
    let again = trunk_build(&site, &dist, &record);
    assert_eq!(
        (again.files, again.renders, again.search_texts),
        ((files, files), (bodies, bodies), (indexed, indexed))
    );
    // Every file the same inode but Trunk's own (written anew by Trunk on every build).
    let after = tree(&dist);
    let changed_files = changed(&before, &after);
    assert!(
        changed_files.iter().all(|path| *path == TRUNK_STYLESHEET),
        "{changed_files:?}"
    );

    let post = site.join("content/posts/series/second.md");
    let text = fs::read_to_string(&post).expect("post");
    fs::write(&post, format!("{text}\nA sentence added by the author.\n")).expect("edited");
    let edit = trunk_build(&site, &dist, &record);
    assert_eq!(
        (edit.renders, edit.search_texts),
        ((bodies - 1, bodies), (indexed - 1, indexed)),
        "only the edited body is rendered, and its text made"
    );
    let (kept, files) = edit.files;
    let edited = tree(&dist);
    let page = "posts/series/second/index.html";
    let page_html = String::from_utf8_lossy(&edited[page].0).into_owned();
    assert!(page_html.contains("A sentence added by the author."));
    let written = changed(&before, &edited);
    assert!(written.contains(&page), "{written:?}");
    assert!(
        !written.contains(&"posts/series/third/index.html"),
        "a page the edit does not show on is kept: {written:?}"
    );
    // Every file that changed was written (Trunk's stylesheet is not the build's), and only
    // those the edit shows on were: a few, not the site. (A file written anew may get its
    // predecessor's inode number back, so the changed ones are a lower bound.)
    let not_kept = files - kept;
    assert!(
        not_kept >= written.len() - 1,
        "{not_kept} written: {written:?}"
    );
    assert!(not_kept < files / 4, "{not_kept} of {files} written");

    // The same site built from scratch: the same files, byte for byte.
    assert_eq!(bytes(edited), bytes(fresh_build(&site, &work)));

    // A post removed: its files go, and the folders it leaves empty.
    fs::remove_file(site.join("content/posts/series/third.md")).expect("removed");
    trunk_build(&site, &dist, &record);
    let removed = tree(&dist);
    assert!(!dist.join("posts/series/third").exists());
    assert_eq!(bytes(removed), bytes(fresh_build(&site, &work)));
}

/// `site` built from scratch (no last build) in a folder of `work`.
fn fresh_build(site: &Path, work: &Path) -> BTreeMap<String, (Vec<u8>, u64)> {
    let fresh = work.join("fresh");
    let _ = fs::remove_dir_all(&fresh);
    let _ = fs::remove_file(work.join("fresh-record.txt"));
    trunk_build(site, &fresh, &work.join("fresh-record.txt"));
    tree(&fresh)
}

fn bytes(files: BTreeMap<String, (Vec<u8>, u64)>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .map(|(path, (bytes, _))| (path, bytes))
        .collect()
}

#[test]
fn a_hostile_site_with_a_large_page_rebuilds_as_a_fresh_build_writes_it() {
    let work = scratch_dir("hostile");
    let site = work.join("site");
    copy_tree(&project_root().join("tests/fixtures/hostile"), &site);
    // A page of about 1 MB under a name with spaces, a percent sign and non-ASCII letters.
    let paragraph = "Ünïcode <b>bold</b> `code` [link](../markdown/) & \"quotes\" 100% \n\n";
    let large = site.join("content/posts/a large % pâge.md");
    let body = paragraph.repeat(1_000_000 / paragraph.len());
    fs::write(&large, format!("+++\ntitle = \"Large\"\n+++\n{body}")).expect("large page");
    let dist = work.join("dist");
    let record = work.join("record.txt");
    trunk_build(&site, &dist, &record);

    fs::write(
        &large,
        format!("+++\ntitle = \"Large\"\n+++\n{body}An edit.\n"),
    )
    .expect("edited");
    let (kept, files) = trunk_build(&site, &dist, &record).files;
    assert!(kept > 0 && kept < files, "{kept} of {files} files kept");
    assert_eq!(bytes(tree(&dist)), bytes(fresh_build(&site, &work)));
}

#[test]
fn a_kept_file_changed_since_or_made_a_link_is_written_again() {
    let work = scratch_dir("tampered");
    let site = project_root().join("tests/fixtures/linked");
    let dist = work.join("dist");
    let record = work.join("record.txt");
    trunk_build(&site, &dist, &record);
    let page = dist.join("posts/series/third/index.html");
    let written = fs::read(&page).expect("page");
    // Edited by hand in dist/ (same length, a moment later), and a file made a link.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut tampered = written.clone();
    tampered[0] = b'X';
    fs::write(&page, &tampered).expect("tampered");
    let outside = work.join("outside.md");
    fs::write(&outside, "not the site's").expect("outside file");
    let markdown = dist.join("posts/series/third/index.md");
    fs::remove_file(&markdown).expect("removed");
    std::os::unix::fs::symlink(&outside, &markdown).expect("link made");

    let (kept, files) = trunk_build(&site, &dist, &record).files;
    assert_eq!(kept, files - 2, "all but the two files kept");
    assert_eq!(fs::read(&page).expect("page"), written);
    assert!(!fs::symlink_metadata(&markdown).expect("md").is_symlink());
    assert_ne!(fs::read(&markdown).expect("md"), b"not the site's");
}

#[test]
fn renders_are_reused_only_while_every_page_they_may_read_is_unchanged() {
    let work = scratch_dir("renders");
    let site = work.join("site");
    copy_tree(&project_root().join("tests/fixtures/linked"), &site);
    let dist = work.join("dist");
    let record = work.join("record.txt");
    let bodies = trunk_build(&site, &dist, &record).renders.1;
    assert_eq!(trunk_build(&site, &dist, &record).renders, (bodies, bodies));

    // A new title: the first post's body is rendered again, and the series page's, which
    // links to it by `relref` (its render looked the post up); the rest are reused.
    let post = site.join("content/posts/series/first-post.md");
    let text = fs::read_to_string(&post).expect("post");
    let retitled = text.replacen("title: \"First post\"", "title: \"The first post\"", 1);
    assert_ne!(retitled, text);
    fs::write(&post, &retitled).expect("retitled");
    assert_eq!(
        trunk_build(&site, &dist, &record).renders,
        (bodies - 2, bodies)
    );
    assert_eq!(bytes(tree(&dist)), bytes(fresh_build(&site, &work)));

    // A new slug moves the post: where lookups find pages changed, so no body is reused.
    let text = retitled;
    fs::write(
        &post,
        text.replacen("weight: 1\n", "weight: 1\nslug: renamed\n", 1),
    )
    .expect("renamed");
    assert_eq!(trunk_build(&site, &dist, &record).renders, (0, bodies));
    let series = fs::read_to_string(dist.join("posts/series/index.html")).expect("series");
    assert!(
        series.contains("/posts/series/renamed/"),
        "the link follows the slug"
    );
    assert_eq!(bytes(tree(&dist)), bytes(fresh_build(&site, &work)));

    // A template added (any body may call it): none reused.
    let shortcodes = site.join("layouts/shortcodes");
    fs::create_dir_all(&shortcodes).expect("layouts");
    fs::write(shortcodes.join("note.html"), "<aside>{{ .Inner }}</aside>").expect("template");
    assert_eq!(trunk_build(&site, &dist, &record).renders, (0, bodies));

    // A damaged file: the render whose key is not a render's, and the one cut short, are
    // made again; the rest are reused.
    let renders = record.with_extension("renders");
    // (The file holds the renders of before the template too: written anew, only these.)
    fs::remove_file(&renders).expect("removed");
    assert_eq!(trunk_build(&site, &dist, &record).renders, (0, bodies));
    let mut kept = fs::read(&renders).expect("renders kept");
    let first_key = kept.iter().position(|byte| *byte == b'\n').expect("header") + 1;
    kept[first_key] ^= 1;
    kept.pop();
    fs::write(&renders, kept).expect("damaged");
    assert_eq!(
        trunk_build(&site, &dist, &record).renders,
        (bodies - 2, bodies)
    );
    assert_eq!(bytes(tree(&dist)), bytes(fresh_build(&site, &work)));
}
