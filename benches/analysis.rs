//! Each language's analyzer on a fixed short and long text (charabia style); the token counts are
//! asserted inside the timed loop.
//!
//! Run: `cargo bench --bench analysis`.

use std::hint::black_box;

use cdm_faq::text_analysis::{Analyzer, Language};
use criterion::{Criterion, criterion_group, criterion_main};

const TEXTS: [(Language, &str, &str); 3] = [
    (
        Language::Fr,
        "Comment m'inscrire comme demandeur d'emploi ?",
        "Mon entreprise a fait faillite la semaine dernière. J'ai 39 ans, deux enfants et aucune idée des démarches à faire : \
         dois-je m'inscrire chez Actiris, demander mes allocations de chômage à la CAPAC ou au syndicat, et est-ce que je peux \
         suivre une formation qualifiante sans perdre mes droits ? Je parle un peu néerlandais, l'équivalence de mon diplôme est en cours.",
    ),
    (
        Language::Nl,
        "Waar kan ik 's avonds Nederlands leren?",
        "Ik ben al anderhalf jaar werkloos en wil een fietsherstelzaak beginnen. Ik ben bang dat ik mijn werkloosheidsuitkering \
         meteen kwijt ben en zonder inkomen zit als het misloopt. Welke steun bestaat er voor werkzoekenden die zelfstandige \
         willen worden, en kan ik een ondernemersopleiding volgen bij Syntra met opleidingscheques van de VDAB?",
    ),
    (
        Language::En,
        "How do I register as a job seeker?",
        "I'm a trained electrician from Portugal and I want to set up my own business here in construction. Someone told me I \
         need to prove my professional skills and maybe get my diploma recognised first. Where do I start, do I need a company \
         number and VAT, and which social insurance fund should I join before my first invoice?",
    ),
];

fn bench_analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis");
    for (language, short, long) in TEXTS {
        let analyzer = Analyzer::standalone(language);
        let short_words = analyzer.words(short).len();
        let long_words = analyzer.words(long).len();
        group.bench_function(format!("{language}/short"), |b| {
            b.iter(|| {
                let analysis = analyzer.analyze(black_box(short));
                assert_eq!(analysis.words.len(), short_words);
                analysis
            })
        });
        group.bench_function(format!("{language}/long"), |b| {
            b.iter(|| {
                let analysis = analyzer.analyze(black_box(long));
                assert_eq!(analysis.words.len(), long_words);
                assert!(analysis.tokens.len() >= long_words);
                analysis
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_analysis);
criterion_main!(benches);
