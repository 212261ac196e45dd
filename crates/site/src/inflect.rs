//! English plurals as gobuffalo/flect 1.0.3 makes them (`flect.Pluralize`, which current
//! Hugo uses for the titles of sections without an `_index.md`): its dictionary of irregular,
//! identical and uncountable words, then its suffix rules in flect's order, on the last word
//! of the name (flect splits words at `_`, spaces, `-`, `:`, `/` and lower-to-upper case
//! changes). Used at build time only.

/// A dictionary word of flect's `plural_rules.go`.
#[derive(Clone, Copy)]
struct Word {
    singular: &'static str,
    plural: &'static str,
    /// Another plural, also known as one.
    alternative: &'static str,
    /// The plural is not known as a plural (`medium` → `media`, but `media` stays).
    one_way: bool,
    /// Only the whole word, never as the end of a longer word (`ox`, not `box`).
    exact: bool,
}

const fn w(singular: &'static str, plural: &'static str) -> Word {
    Word {
        singular,
        plural,
        alternative: "",
        one_way: false,
        exact: false,
    }
}

impl Word {
    const fn or(self, alternative: &'static str) -> Word {
        Word {
            alternative,
            ..self
        }
    }

    const fn one_way(self) -> Word {
        Word {
            one_way: true,
            ..self
        }
    }

    const fn exact(self) -> Word {
        Word {
            exact: true,
            ..self
        }
    }
}

/// flect's `dictionary`, in its order (uncountable words are their own plural).
const DICTIONARY: &[Word] = &[
    w("aircraft", "aircraft"),
    w("beef", "beef").or("beefs"),
    w("bison", "bison"),
    w("blues", "blues").one_way(),
    w("chassis", "chassis"),
    w("deer", "deer"),
    w("fish", "fish").or("fishes"),
    w("moose", "moose"),
    w("police", "police"),
    w("salmon", "salmon").or("salmons"),
    w("series", "series"),
    w("sheep", "sheep"),
    w("shrimp", "shrimp").or("shrimps"),
    w("species", "species"),
    w("swine", "swine").or("swines"),
    w("trout", "trout").or("trouts"),
    w("tuna", "tuna").or("tunas"),
    w("you", "you"),
    w("child", "children"),
    w("ox", "oxen").exact(),
    w("foot", "feet"),
    w("goose", "geese"),
    w("man", "men"),
    w("human", "humans"),
    w("louse", "lice").exact(),
    w("mouse", "mice"),
    w("tooth", "teeth"),
    w("woman", "women"),
    w("die", "dice").exact(),
    w("person", "people"),
    w("adieu", "adieux").or("adieus"),
    w("fabliau", "fabliaux"),
    w("bureau", "bureaus").or("bureaux"),
    w("criterion", "criteria"),
    w("ganglion", "ganglia").or("ganglions"),
    w("lexicon", "lexica").or("lexicons"),
    w("mitochondrion", "mitochondria").or("mitochondrions"),
    w("noumenon", "noumena"),
    w("phenomenon", "phenomena"),
    w("taxon", "taxa"),
    w("media", "media"),
    w("medium", "media").or("mediums").one_way(),
    w("stadium", "stadiums").or("stadia"),
    w("aquarium", "aquaria").or("aquariums"),
    w("auditorium", "auditoria").or("auditoriums"),
    w("symposium", "symposia").or("symposiums"),
    w("curriculum", "curriculums").or("curricula"),
    w("quota", "quotas"),
    w("alumnus", "alumni").or("alumnuses"),
    w("bacillus", "bacilli"),
    w("cactus", "cacti").or("cactuses"),
    w("coccus", "cocci"),
    w("focus", "foci").or("focuses"),
    w("locus", "loci").or("locuses"),
    w("nucleus", "nuclei").or("nucleuses"),
    w("octopus", "octupuses").or("octopi"),
    w("radius", "radii").or("radiuses"),
    w("syllabus", "syllabi"),
    w("corpus", "corpora").or("corpuses"),
    w("genus", "genera"),
    w("alumna", "alumnae"),
    w("vertebra", "vertebrae"),
    w("differentia", "differentiae"),
    w("minutia", "minutiae"),
    w("vita", "vitae"),
    w("larva", "larvae"),
    w("postcava", "postcavae"),
    w("praecava", "praecavae"),
    w("uva", "uvae"),
    w("apex", "apices").or("apexes"),
    w("codex", "codices").or("codexes"),
    w("index", "indices").or("indexes"),
    w("latex", "latices").or("latexes"),
    w("vertex", "vertices").or("vertexes"),
    w("vortex", "vortices").or("vortexes"),
    w("appendix", "appendices").or("appendixes"),
    w("radix", "radices").or("radixes"),
    w("helix", "helices").or("helixes"),
    w("axis", "axes").exact(),
    w("crisis", "crises"),
    w("ellipsis", "ellipses").one_way(),
    w("genesis", "geneses"),
    w("oasis", "oases"),
    w("thesis", "theses"),
    w("testis", "testes"),
    w("base", "bases"),
    w("basis", "bases").one_way(),
    w("alias", "aliases").exact(),
    w("vedalia", "vedalias"),
    w("use", "uses").exact(),
    w("abuse", "abuses"),
    w("cause", "causes"),
    w("clause", "clauses"),
    w("cruse", "cruses"),
    w("excuse", "excuses"),
    w("fuse", "fuses"),
    w("house", "houses"),
    w("misuse", "misuses"),
    w("muse", "muses"),
    w("pause", "pauses"),
    w("ache", "aches"),
    w("topaz", "topazes"),
    w("buffalo", "buffaloes").or("buffalos"),
    w("potato", "potatoes"),
    w("tomato", "tomatoes"),
    w("equipment", "equipment"),
    w("information", "information"),
    w("jeans", "jeans"),
    w("money", "money"),
    w("news", "news"),
    w("rice", "rice"),
    w("dwarf", "dwarfs").or("dwarves"),
    w("hoof", "hoofs").or("hooves"),
    w("thief", "thieves"),
    w("chive", "chives"),
    w("hive", "hives"),
    w("move", "moves"),
    w("movie", "movies"),
    w("cookie", "cookies"),
    w("pretorium", "pretoriums"),
    w("agenda", "agendas"),
    w("formula", "formulas").or("formulae"),
    w("shoe", "shoes"),
    w("toe", "toes").exact(),
    w("graffiti", "graffiti"),
    w("ID", "IDs").exact(),
];

/// flect's `singularToPluralSuffixList`, in its order: the first suffix that fits wins.
const SUFFIXES: &[(&str, &str)] = &[
    ("tive", "tives"),
    ("eaf", "eaves"),
    ("oaf", "oaves"),
    ("afe", "aves"),
    ("arf", "arves"),
    ("rfe", "rves"),
    ("rf", "rves"),
    ("lf", "lves"),
    ("fe", "ves"),
    ("ay", "ays"),
    ("ey", "eys"),
    ("oy", "oys"),
    ("quy", "quies"),
    ("uy", "uys"),
    ("y", "ies"),
    ("eau", "eaux"),
    ("bula", "bulae"),
    ("dula", "bulae"),
    ("lula", "bulae"),
    ("nula", "bulae"),
    ("vula", "bulae"),
    ("hedron", "hedra"),
    ("ium", "ia"),
    ("seum", "seums"),
    ("eum", "ea"),
    ("oum", "oa"),
    ("stracum", "straca"),
    ("dum", "da"),
    ("elum", "ela"),
    ("ilum", "ila"),
    ("olum", "ola"),
    ("ulum", "ula"),
    ("llum", "lla"),
    ("ylum", "yla"),
    ("imum", "ima"),
    ("ernum", "erna"),
    ("gnum", "gna"),
    ("brum", "bra"),
    ("crum", "cra"),
    ("terum", "tera"),
    ("serum", "sera"),
    ("trum", "tra"),
    ("antum", "anta"),
    ("atum", "ata"),
    ("entum", "enta"),
    ("etum", "eta"),
    ("itum", "ita"),
    ("otum", "ota"),
    ("utum", "uta"),
    ("ctum", "cta"),
    ("ovum", "ova"),
    ("trix", "trices"),
    ("iasis", "iases"),
    ("mesis", "meses"),
    ("kinesis", "kineses"),
    ("resis", "reses"),
    ("gnosis", "gnoses"),
    ("opsis", "opses"),
    ("ysis", "yses"),
    ("ouse", "ouses"),
    ("lause", "lauses"),
    ("us", "uses"),
    ("ch", "ches"),
    ("io", "ios"),
    ("sh", "shes"),
    ("ss", "sses"),
    ("ez", "ezzes"),
    ("iz", "izzes"),
    ("tz", "tzes"),
    ("zz", "zzes"),
    ("ano", "anos"),
    ("lo", "los"),
    ("to", "tos"),
    ("oo", "oos"),
    ("o", "oes"),
    ("x", "xes"),
    ("S", "Ses"),
];

/// The acronyms flect upper-cases as words (its `baseAcronyms` that are upper case: it looks
/// them up upper-cased, so `gbps`, `Mbps`, `MoCA` and `WiFi` never match).
const ACRONYMS: &[&str] = &[
    "OK", "UTF8", "HTML", "JSON", "JWT", "ID", "UUID", "SQL", "ACK", "ACL", "ADSL", "AES", "ANSI",
    "API", "ARP", "ATM", "BGP", "BSS", "CCITT", "CHAP", "CIDR", "CIR", "CLI", "CPE", "CPU", "CRC",
    "CRT", "CSMA", "CMOS", "DCE", "DEC", "DES", "DHCP", "DNS", "DRAM", "DSL", "DSLAM", "DTE",
    "DMI", "EHA", "EIA", "EIGRP", "EOF", "ESS", "FCC", "FCS", "FDDI", "FTP", "GBIC", "GEPOF",
    "HDLC", "HTTP", "HTTPS", "IANA", "ICMP", "IDF", "IDS", "IEEE", "IETF", "IMAP", "IP", "IPS",
    "ISDN", "ISP", "LACP", "LAN", "LAPB", "LAPF", "LLC", "MAC", "MC", "MDF", "MIB", "MPLS", "MTU",
    "NAC", "NAT", "NBMA", "NIC", "NRZ", "NRZI", "NVRAM", "OSI", "OSPF", "OUI", "PAP", "PAT", "PC",
    "PIM", "PCM", "PDU", "POP3", "POTS", "PPP", "PPTP", "PTT", "PVST", "RAM", "RARP", "RFC", "RIP",
    "RLL", "ROM", "RSTP", "RTP", "RCP", "SDLC", "SFD", "SFP", "SLARP", "SLIP", "SMTP", "SNA",
    "SNAP", "SNMP", "SOF", "SRAM", "SSH", "SSID", "STP", "SYN", "TDM", "TFTP", "TIA", "TOFU",
    "UDP", "URL", "URI", "USB", "UTP", "VC", "VLAN", "VLSM", "VPN", "W3C", "WAN", "WEP", "WPA",
    "WWW",
];

/// `name` in the plural, as `flect.Pluralize(name)`.
pub(crate) fn pluralize(name: &str) -> String {
    let parts = words(name);
    let Some(last) = parts.last() else {
        return String::new();
    };
    if let Some(word) = DICTIONARY.iter().find(|word| word.singular == name) {
        return word.plural.to_owned();
    }
    let lower = last.to_lowercase();
    if is_known_plural(name) || is_known_plural(&lower) {
        return name.to_owned();
    }
    if let Some(word) = DICTIONARY.iter().find(|word| word.singular == lower) {
        let plural = if *last == capitalized(last) {
            capitalized(word.plural)
        } else {
            word.plural.to_owned()
        };
        return replace_suffix(name, last, &plural);
    }
    // flect puts the dictionary's words (last first) before its suffixes, each plural as a
    // rule that keeps the word and each singular as one that makes it plural.
    let dictionary_rules = DICTIONARY
        .iter()
        .rev()
        .filter(|word| !word.exact)
        .map(|word| (word.singular, word.plural));
    for (singular, plural) in dictionary_rules.chain(SUFFIXES.iter().copied()) {
        if last.ends_with(plural) {
            return replace_suffix(name, last, last);
        }
        if let Some(stem) = last.strip_suffix(singular) {
            return replace_suffix(name, last, &format!("{stem}{plural}"));
        }
    }
    if lower.ends_with('s') {
        return name.to_owned();
    }
    format!("{name}s")
}

/// A plural of the dictionary (flect's `pluralToSingle`).
fn is_known_plural(word: &str) -> bool {
    DICTIONARY.iter().any(|known| {
        !known.one_way
            && (known.plural == word
                || (!known.alternative.is_empty() && known.alternative == word))
    })
}

/// flect's `ReplaceSuffix`: `name` without `last` at its end, then `new`.
fn replace_suffix(name: &str, last: &str, new: &str) -> String {
    format!("{}{new}", name.strip_suffix(last).unwrap_or(name))
}

/// flect's `Capitalize`: the first letter in upper case.
fn capitalized(word: &str) -> String {
    let mut characters = word.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

fn acronym(word: &str) -> Option<String> {
    let upper = word.to_uppercase();
    ACRONYMS.contains(&upper.as_str()).then_some(upper)
}

/// flect's word separators (`_`, space, `:`, `-`, `/` and Unicode spaces).
fn is_separator(character: char) -> bool {
    matches!(character, '_' | ' ' | ':' | '-' | '/') || character.is_whitespace()
}

/// Go's `unicode.IsPunct` for ASCII, which leaves out symbols such as `+`, `$` and `|`.
fn is_punctuation(character: char) -> bool {
    matches!(
        character,
        '!' | '"'
            | '#'
            | '%'
            | '&'
            | '\''
            | '('
            | ')'
            | '*'
            | ','
            | '-'
            | '.'
            | '/'
            | ':'
            | ';'
            | '?'
            | '@'
            | '['
            | '\\'
            | ']'
            | '_'
            | '{'
            | '}'
    )
}

/// flect's `toParts`: the words of `name`.
fn words(name: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let name = name.trim();
    if name.is_empty() {
        return parts;
    }
    if let Some(whole) = acronym(name) {
        parts.push(whole);
        return parts;
    }
    let mut previous_upper = false;
    let mut word = String::new();
    for character in name.chars() {
        let upper = character.is_uppercase();
        let starts_word = is_separator(character)
            || (upper && !previous_upper)
            || (upper && acronym(&word).is_some());
        if starts_word {
            push_word(&mut parts, &word);
            word = character.to_string();
        } else if character.is_alphanumeric() || is_punctuation(character) || character == '`' {
            word.push(character);
        } else {
            push_word(&mut parts, &word);
            word.clear();
        }
        previous_upper = upper;
    }
    push_word(&mut parts, &word);
    parts
}

/// flect's `xappend`: the word without spaces and separators at its ends, an acronym in
/// upper case; nothing when empty.
fn push_word(parts: &mut Vec<String>, word: &str) {
    let mut word = word.trim();
    for separator in ['_', ' ', ':', '-', '/'] {
        word = word.trim_matches(separator);
    }
    if word.is_empty() {
        return;
    }
    parts.push(acronym(word).unwrap_or_else(|| word.to_owned()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From flect's `Test_Pluralize` table (`singlePluralAssertions` in flect_test.go), and
    /// a plural stays as it is.
    #[test]
    fn flects_own_cases() {
        for (singular, plural) in [
            ("Car", "Cars"),
            ("GoodChild", "GoodChildren"),
            ("node_child", "node_children"),
            ("SmartPerson", "SmartPeople"),
            ("funky jeans", "funky jeans"),
            ("payment_information", "payment_information"),
            ("status_code", "status_codes"),
            ("SuperbOx", "SuperbOxen"),
            ("box", "boxes"),
            ("mouse", "mice"),
            ("spokesman", "spokesmen"),
            ("human", "humans"),
            ("", ""),
        ] {
            assert_eq!(pluralize(singular), plural, "{singular}");
            assert_eq!(pluralize(plural), plural, "{plural}");
        }
    }

    /// The rules a blog's folder names meet: regular plurals, `-y`, `-s`/`-x`/`-ch`/`-sh`/`-z`,
    /// `-o`, `-f(e)`, Latin and Greek endings, irregular and uncountable words, acronyms.
    #[test]
    fn a_blogs_folder_names() {
        for (singular, plural) in [
            ("post", "posts"),
            ("category", "categories"),
            ("day", "days"),
            ("status", "statuses"),
            ("church", "churches"),
            ("dish", "dishes"),
            ("quiz", "quizzes"),
            ("photo", "photos"),
            ("hero", "heroes"),
            ("portfolio", "portfolios"),
            ("leaf", "leaves"),
            ("life", "lives"),
            ("analysis", "analyses"),
            ("index", "indices"),
            ("datum", "data"),
            ("series", "series"),
            ("news", "news"),
            ("Person", "People"),
            ("ID", "IDs"),
            ("api", "apis"),
            ("my-post", "my-posts"),
        ] {
            assert_eq!(pluralize(singular), plural, "{singular}");
        }
        // flect upper-cases an acronym as a word and then adds its `S` rule's ending to the
        // original: Hugo titles a `dns` folder so.
        assert_eq!(pluralize("dns"), "dnsDNSes");
    }
}
