// One helper per job for shapes, indices and numbers (core/TextFormat.h): what each writes.
#include <gtest/gtest.h>

#include "core/TextFormat.h"

namespace convoscope {
namespace {

const std::string kMinus = "\xE2\x88\x92";  // U+2212, the typeset minus
const std::string kTimes = "\xC3\x97";

TEST(TextFormat, Shapes) {
  EXPECT_EQ(shapeText({10, 28, 28}), "10" + kTimes + "28" + kTimes + "28");
  EXPECT_EQ(shapeText({10, 28, 28}, "x"), "10x28x28");
  EXPECT_EQ(shapeText({}), "");
  EXPECT_EQ(shapeText({}, kTimes.c_str(), "-"), "-");
  EXPECT_EQ(bracketText({3, 10, 12}), "[3,10,12]");
  EXPECT_EQ(bracketText({}), "[]");
  EXPECT_EQ(indexText({3, 10, 12}), "3, 10, 12");
}

TEST(TextFormat, CompactNumbersForLegendsAndCells) {
  EXPECT_EQ(compactNumber(0.0f), "0");
  EXPECT_EQ(compactNumber(0.1534f), "0.153");
  EXPECT_EQ(compactNumber(-2.414f), kMinus + "2.41");
  EXPECT_EQ(compactNumber(42.25f), "42.2");
  EXPECT_EQ(compactNumber(123.6f), "124");
  EXPECT_EQ(compactNumber(1234.0f), "1.2e+03");
  EXPECT_EQ(compactNumber(0.0004f), "4.0e-04");
}

TEST(TextFormat, MathNumbersForTheComputationCard) {
  EXPECT_EQ(mathNumber(0.0), "0");
  EXPECT_EQ(mathNumber(-0.18342), kMinus + "0.1834");
  EXPECT_EQ(mathNumber(3.14159), "3.142");
  EXPECT_EQ(mathNumber(12.345), "12.35");  // two decimals from 10
  EXPECT_EQ(mathNumber(123.45), "123.5");
  EXPECT_EQ(mathNumber(0.000123), "1.23e-4");
  EXPECT_EQ(mathNumber(-12345.0), kMinus + "1.23e4");
}

TEST(TextFormat, FixedPlainPreciseAndCounts) {
  EXPECT_EQ(fixedNumber(0.18342), "0.1834");
  EXPECT_EQ(fixedNumber(-0.0), "0.0000");  // never "-0.0000"
  EXPECT_EQ(fixedNumber(-0.000012), "-1.2000e-05");
  EXPECT_EQ(fixedNumber(123456.0), "1.2346e+05");
  EXPECT_EQ(plainNumber(0.001), "0.001");
  EXPECT_EQ(plainNumber(1e-5), "1e-05");
  EXPECT_EQ(plainNumber(3), "3");
  EXPECT_EQ(preciseNumber(0.18342161), "0.1834216");
  EXPECT_EQ(countText(3456), "3456");
  EXPECT_EQ(countText(12345), "12.3 k");
  EXPECT_EQ(countText(11700000), "11.7 M");
  EXPECT_EQ(withMinusSign("-1"), kMinus + "1");
  EXPECT_EQ(withMinusSign("1"), "1");
}

}  // namespace
}  // namespace convoscope
