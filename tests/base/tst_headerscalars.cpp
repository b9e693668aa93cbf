// The SEG-Y scalar rule (scalco, scalel) against values worked out by hand, and which fields
// take which scalar.
#include "seis/base/headerscalars.h"

#include <QtTest>

using namespace seis;

class TestHeaderScalars : public QObject {
    Q_OBJECT

private slots:
    void rule_data() {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<qint64>("scalar");
        QTest::addColumn<double>("expected");
        QTest::addColumn<QString>("text");
        QTest::newRow("divide by 100") << qint64(12345) << qint64(-100) << 123.45 << "123.45";
        QTest::newRow("multiply by 10") << qint64(-37) << qint64(10) << -370.0 << "-370";
        QTest::newRow("zero is one") << qint64(987654) << qint64(0) << 987654.0 << "987654";
        QTest::newRow("one") << qint64(5) << qint64(1) << 5.0 << "5";
        QTest::newRow("minus one") << qint64(5) << qint64(-1) << 5.0 << "5";
        QTest::newRow("divide by 1000") << qint64(-1) << qint64(-1000) << -0.001 << "-0.001";
        QTest::newRow("divide by 3") << qint64(1) << qint64(-3) << 1.0 / 3.0 << "0.333333";
        QTest::newRow("large") << qint64(2147483647) << qint64(10000) << 21474836470000.0
                               << "21474836470000";
    }
    void rule() {
        QFETCH(qint64, value);
        QFETCH(qint64, scalar);
        QFETCH(double, expected);
        QFETCH(QString, text);
        QCOMPARE(applySegyScalar(value, scalar), expected);
        QCOMPARE(formatScaledValue(applySegyScalar(value, scalar)), text);
    }

    void fields() {
        const auto field = [](const StandardTraceField& f) {
            return HeaderField{QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type};
        };
        namespace tf = tracefield;
        for (const auto& f : {tf::sx, tf::sy, tf::gx, tf::gy, tf::cdpx, tf::cdpy})
            QCOMPARE(headerScalarOf(field(f)), HeaderScalar::Coordinate);
        for (const auto& f :
             {tf::gelev, tf::selev, tf::sdepth, tf::gdel, tf::sdel, tf::swdep, tf::gwdep})
            QCOMPARE(headerScalarOf(field(f)), HeaderScalar::Elevation);
        for (const auto& f : {tf::fldr, tf::cdp, tf::offset, tf::scalco, tf::scalel, tf::iline})
            QCOMPARE(headerScalarOf(field(f)), HeaderScalar::None);
        // A custom field on sx's bytes is scaled like sx; another type there is not sx.
        QCOMPARE(headerScalarOf({QStringLiteral("73"), HeaderByte{73}, FieldType::I4}),
                 HeaderScalar::Coordinate);
        QCOMPARE(headerScalarOf({QStringLiteral("73:i2"), HeaderByte{73}, FieldType::I2}),
                 HeaderScalar::None);
        QCOMPARE(scalarField(HeaderScalar::Coordinate).byte.position, 71);
        QCOMPARE(scalarField(HeaderScalar::Elevation).byte.position, 69);
        QCOMPARE(scalarField(HeaderScalar::Elevation).type, FieldType::I2);
    }
};

QTEST_APPLESS_MAIN(TestHeaderScalars)
#include "tst_headerscalars.moc"
