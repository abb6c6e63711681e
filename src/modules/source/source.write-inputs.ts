import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars';

@InputType({ description: 'A new source (新建出处): a published report that goals and figures cite. Publisher, title and date together must be unique.' })
export class CreateSourceInput {
  @Field({ description: 'Publisher in Chinese (发布单位), e.g. 南京日报; 1-200 characters, surrounding spaces trimmed.' })
  publisher: string;

  @Field(() => String, { nullable: true, description: 'Publisher in English, e.g. Nanjing Daily; up to 200 characters.' })
  publisherEn?: string | null;

  @Field({ description: 'Title of the report (标题), in the original language; 1-500 characters.' })
  title: string;

  @Field(() => LocalDateScalar, { description: 'Date of publication (发布日期): from 1949-10-01, not in the future.' })
  publishedOn: string;

  @Field(() => String, { nullable: true, description: 'Where the report can be read (网址): an http:// or https:// address, up to 2,000 characters.' })
  url?: string | null;
}

@InputType({ description: 'Changes to a source (修改出处): only the fields given change; null clears an optional field.' })
export class UpdateSourceInput {
  @Field(() => ID, { description: 'The source’s ID.' })
  id: string;

  @Field(() => Int, { description: 'The version the caller read; if the source has moved on, nothing changes (CONFLICT).' })
  version: number;

  @Field(() => String, { nullable: true, description: 'New publisher in Chinese (发布单位).' })
  publisher?: string | null;

  @Field(() => String, { nullable: true, description: 'New publisher in English; null clears it.' })
  publisherEn?: string | null;

  @Field(() => String, { nullable: true, description: 'New title (标题).' })
  title?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New date of publication (发布日期).' })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'New address (网址), http:// or https://; null clears it.' })
  url?: string | null;
}
