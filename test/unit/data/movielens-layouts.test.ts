import * as assert from 'assert';
import { GENRES } from '../../../src/core/data/genres';
import { loadDataset } from '../../../src/core/data/load';
import { rejectsWithDataError, TempFolders } from './helpers';

const genresOf = (genres: Float32Array, item: number) => GENRES.filter((_, g) => genres[item * 19 + g] === 1);

describe('data: MovieLens 1M and ml-latest layouts', function () {
  const temp = new TempFolders();
  after(() => temp.cleanUp());

  it('reads an ML-1M folder: "::" columns, Latin-1 titles, genre names, users.dat codes', async function () {
    const dir = temp.folder('ml-1m', {
      'ratings.dat': '7::20::4::978300760\n3::10::5::978302109\n7::10::1::978301968\n3::30::2::978300275\n',
      'users.dat': '3::F::25::15::55117\n7::M::56::0::02460\n9::M::1::10::48067\n',
      'movies.dat': Buffer.from(
        "10::Café au lait (1993)::Comedy|Children's\n20::Le Samouraï (1967)::Film-Noir|Crime\n30::Heat (1995)::Action\n",
        'latin1',
      ),
    });
    const d = await loadDataset(`movielens:${dir}`);
    assert.strictEqual(d.name, 'MovieLens 1M');
    assert.deepStrictEqual(d.userIds, ['7', '3']);
    assert.deepStrictEqual(d.itemIds, ['20', '10', '30']);
    assert.deepStrictEqual(Array.from(d.users), [0, 1, 0, 1]);
    assert.deepStrictEqual(Array.from(d.items), [0, 1, 1, 2]);
    assert.deepStrictEqual(Array.from(d.ratings), [4, 5, 1, 2]);
    assert.deepStrictEqual(d.ratingRange, [1, 5]);
    assert.deepStrictEqual(d.vocabulary, {
      user: 2,
      item: 3,
      gender: 2,
      occupation: 21,
      '#features': 1,
      '#width:age': 1,
      '#width:genres': 19,
      '#width:year': 1,
      ageGroup: 7,
      zipRegion: 11,
      decade: 13,
      '#width:titleWords': 6,
    });
    const u = d.userFeatures!;
    assert.deepStrictEqual(Array.from(u.gender), [0, 1]);
    assert.deepStrictEqual(Array.from(u.occupation), [0, 15]);
    assert.ok(u.age[0] > 0 && u.age[1] < 0 && Math.abs(u.age[0] + u.age[1]) < 1e-6, 'ages 56 and 25 standardise to ±1');
    const i = d.itemFeatures!;
    assert.deepStrictEqual(genresOf(i.genres, 0), ['Crime', 'Film-Noir']);
    assert.deepStrictEqual(genresOf(i.genres, 1), ["Children's", 'Comedy']);
    assert.deepStrictEqual(genresOf(i.genres, 2), ['Action']);
    assert.ok(i.year[0] < i.year[1] && i.year[1] < i.year[2], 'years 1967 < 1993 < 1995, read from Latin-1 titles');
    assert.strictEqual(d.folds, undefined);
  });

  it('reads an ml-latest folder: half-star ratings, quoted titles, "Children", IMAX left out', async function () {
    const dir = temp.folder('ml-latest-small', {
      'ratings.csv': 'userId,movieId,rating,timestamp\n1,11,4.0,964982703\n2,11,0.5,964981247\n1,12,3.5,964982224\n',
      'movies.csv':
        'movieId,title,genres\n11,"American President, The (1995)",Comedy|Drama|Romance\n12,Jumanji (1995),Adventure|Children|IMAX\n13,Nothing (2010),(no genres listed)\n',
      'links.csv': 'movieId,imdbId,tmdbId\n11,0112346,9087\n',
    });
    const d = await loadDataset(`movielens:${dir}`);
    assert.strictEqual(d.name, 'MovieLens ml-latest-small');
    assert.deepStrictEqual(Array.from(d.ratings), [4, 0.5, 3.5]);
    // ratings.csv is sorted by user and movie: leave-one-out needs the times.
    assert.deepStrictEqual(Array.from(d.timestamps!), [964982703, 964981247, 964982224]);
    assert.deepStrictEqual(d.ratingRange, [0.5, 5]);
    assert.deepStrictEqual(
      d.vocabulary,
      {
        user: 2,
        item: 2,
        '#features': 1,
        '#width:genres': 19,
        '#width:year': 1,
        decade: 13,
        '#width:titleWords': 4,
      },
      'no users file: item features only',
    );
    assert.strictEqual(d.userFeatures, undefined);
    assert.deepStrictEqual(genresOf(d.itemFeatures!.genres, 0), ['Comedy', 'Drama', 'Romance']);
    assert.deepStrictEqual(genresOf(d.itemFeatures!.genres, 1), ['Adventure', "Children's"]);
    const words = d.features!.titleWords;
    assert.deepStrictEqual(words.encoding.categories, ['american', 'jumanji', 'president', 'the']);
    assert.deepStrictEqual(Array.from(words.values.slice(0, 4)), [1, 0, 1, 1], 'the year is no word');
  });

  it('marks an ml-latest film without genres as unknown', async function () {
    const dir = temp.folder('ml-latest-nogenre', {
      'ratings.csv': 'userId,movieId,rating,timestamp\n1,13,2.5,964982703\n',
      'movies.csv': 'movieId,title,genres\n13,Nothing (2010),(no genres listed)\n',
    });
    const d = await loadDataset(`movielens:${dir}`);
    assert.deepStrictEqual(genresOf(d.itemFeatures!.genres, 0), ['unknown']);
  });

  it('says which files it looked for when a folder is no MovieLens layout', async function () {
    const dir = temp.folder('not-movielens', { 'ratings.txt': '1 2 3\n' });
    const error = await rejectsWithDataError(
      loadDataset(`movielens:${dir}`),
      /not a MovieLens folder: found none of u\.data.*ratings\.dat.*ratings\.csv/,
    );
    assert.ok(error.message.startsWith(dir), 'names the folder');
    await rejectsWithDataError(loadDataset(`movielens:${dir}/missing`), /MovieLens folder not found/);
  });
});
