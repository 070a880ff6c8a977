package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tripapproval.csv.CsvUpload;

/** Reading an annual plan from CSV: every wrong line named, nothing half-read. */
class AnnualPlansTest {

  @Test
  void readsEntriesWithQuotesCommasAndChineseAndAByteOrderMark() {
    assertThat(
            AnnualPlans.parse(
                "\uFEFFreference,title,headcount\n"
                    + "2027-商务-03,\"赴日本商谈合作备忘录, 并考察企业\",4\r\n2027-商务-04,赴韩国招商,2\n"))
        .containsExactly(
            new AnnualPlans.Entry("2027-商务-03", "赴日本商谈合作备忘录, 并考察企业", 4),
            new AnnualPlans.Entry("2027-商务-04", "赴韩国招商", 2));
  }

  @Test
  void refusesWrongColumnsDuplicatesAndBadHeadcountsNamingEachLine() {
    assertThatThrownBy(() -> AnnualPlans.parse("ref,title,people\nA,x,1\n"))
        .isInstanceOf(CsvUpload.InvalidCsvException.class)
        .hasMessageContaining("line 1:")
        .hasMessageContaining("columns");
    assertThatThrownBy(
            () ->
                AnnualPlans.parse(
                    "reference,title,headcount\nA,x,1\nB,y,0\nA,z,2\nC,,3\nD,w\nE,v,many\n"))
        .isInstanceOfSatisfying(
            CsvUpload.InvalidCsvException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "line 3: headcount: 须为1到999的整数 / must be a whole number from 1 to 999",
                        "line 4: reference: 重复 / A appears twice",
                        "line 5: title: 必填,不超过500字 / is required, at most 500 characters",
                        "line 6: 须有3列 / must have 3 columns",
                        "line 7: headcount: 须为1到999的整数 / must be a whole number from 1 to 999"));
    assertThatThrownBy(() -> AnnualPlans.parse("reference,title,headcount\n"))
        .isInstanceOf(CsvUpload.InvalidCsvException.class)
        .hasMessageContaining("no entries");
    assertThatThrownBy(() -> AnnualPlans.parse(""))
        .isInstanceOf(CsvUpload.InvalidCsvException.class)
        .hasMessageContaining("line 1:");
  }
}
