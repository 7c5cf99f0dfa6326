use super::*;

/// What the standard library's stable sort gives, for every permutation of a few elements with
/// ties, and for longer sequences from a simple generator.
fn check(items: Vec<(u8, u32)>) {
    let mut expected = items.clone();
    expected.sort_by_key(|p| p.0);
    let mut got = items.clone();
    sort_by_key(&mut got, |p| p.0);
    assert_eq!(got, expected, "sorting {items:?}");
}

#[test]
fn the_same_order_as_the_standard_library_with_ties_kept_in_place() {
    // Every arrangement of five elements where keys repeat (tags tell equal keys apart).
    let base = [(2, 0), (1, 1), (2, 2), (0, 3), (1, 4)];
    let mut indices = [0, 1, 2, 3, 4];
    let mut count = 0;
    permutations(&mut indices, 0, &mut |p| {
        check(p.iter().map(|&i| base[i]).collect());
        count += 1;
    });
    assert_eq!(count, 120);
    for len in [0, 1, 2, 3, 17, 100, 1000] {
        let mut state = 12345u32 ^ len;
        let items = (0..len)
            .map(|tag| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                ((state >> 16) as u8 % 7, tag)
            })
            .collect();
        check(items);
    }
}

fn permutations(items: &mut [usize; 5], from: usize, visit: &mut impl FnMut(&[usize; 5])) {
    if from == items.len() {
        visit(items);
        return;
    }
    for i in from..items.len() {
        items.swap(from, i);
        permutations(items, from + 1, visit);
        items.swap(from, i);
    }
}

#[test]
fn sort_by_and_sort_dedup() {
    let mut words = vec!["pear", "fig", "apple", "fig", "kiwi"];
    sort_by(&mut words, |a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    assert_eq!(words, ["fig", "fig", "kiwi", "pear", "apple"]);
    let mut numbers = vec![3, 1, 3, 2, 1];
    sort_dedup(&mut numbers);
    assert_eq!(numbers, [1, 2, 3]);
    let mut owned: Vec<String> = vec!["b".into(), "a".into()];
    sort(&mut owned);
    assert_eq!(owned, ["a", "b"]);
}
