/** The ratings files of MovieLens 100K and 1M: user, item, rating and timestamp per line, 1 to 5 stars, Latin-1. */
import { RatingRows, RatingsBuilder } from '../ratings-builder';
import { forEachLine, readText, splitColumns } from '../text';

/** `columns` names the four columns in the file's own words, for the message about a short line. */
export async function readTimedRatings(
  file: string,
  separator: string,
  columns: string,
): Promise<{ builder: RatingsBuilder; rows: RatingRows }> {
  const builder = new RatingsBuilder([1, 5]);
  const text = await readText(file, 'latin1');
  const end = forEachLine(text, (line, lineNo) => {
    const [user, item, rating, timestamp] = splitColumns(line, separator, 4, columns, file, lineNo);
    builder.add(user, item, rating, file, lineNo, timestamp);
  });
  return { builder, rows: builder.finish(file, end) };
}
