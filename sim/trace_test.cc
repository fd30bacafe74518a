// The trace's text form is what replays compare byte for byte, so its format
// is pinned here.
#include "sim/trace.h"

#include <cstddef>
#include <string>

#include "gtest/gtest.h"

namespace pd {
namespace {

TEST(TraceEvent, DefaultEventRendersOnlyTheHead) {
  const TraceEvent event;
  EXPECT_EQ(event.Render(), "t=0 step=-1 step");
}

TEST(TraceEvent, RendersEveryFieldInFixedOrder) {
  TraceEvent event;
  event.kind = TraceKind::kReturn;
  event.time = 1234567;
  event.step = 3;
  event.function = ApiFunction::kRegisterEx;
  event.session = 0;
  event.overlapped = 2;
  event.event = 4;
  event.port = 5;
  event.code = ERROR_IO_PENDING;
  event.old_status = PEERDIST_STATUS_DISABLED;
  event.status = PEERDIST_STATUS_AVAILABLE;
  event.key = 171;
  event.bytes = 0;
  event.info_size = 16;
  event.info_min = 1;
  event.info_max = 2;
  event.detail = "free text";
  EXPECT_EQ(event.Render(),
            "t=1234567 step=3 return PeerDistRegisterForStatusChangeNotificationEx session=0 ov=2 "
            "event=4 port=5 code=ERROR_IO_PENDING from=disabled status=available key=171 bytes=0 "
            "info_size=16 info_min=1 info_max=2 | free text");
}

TEST(TraceEvent, ForeignOverlappedAndInvalidStatus) {
  TraceEvent event;
  event.kind = TraceKind::kPacket;
  event.time = 9;
  event.overlapped = -2;
  event.status = 0x7F7F7F7F;
  event.code = 0x103;
  EXPECT_EQ(event.Render(), "t=9 step=-1 packet ov=foreign code=PENDING status=invalid(2139062143)");
}

TEST(TraceNames, KindsArePinned) {
  EXPECT_STREQ(TraceKindName(TraceKind::kStep), "step");
  EXPECT_STREQ(TraceKindName(TraceKind::kCall), "call");
  EXPECT_STREQ(TraceKindName(TraceKind::kReturn), "return");
  EXPECT_STREQ(TraceKindName(TraceKind::kStatusChange), "status");
  EXPECT_STREQ(TraceKindName(TraceKind::kEventSignal), "signal");
  EXPECT_STREQ(TraceKindName(TraceKind::kPacket), "packet");
  EXPECT_STREQ(TraceKindName(TraceKind::kOverlappedDone), "overlapped-done");
  EXPECT_STREQ(TraceKindName(TraceKind::kFinding), "finding");
}

TEST(TraceNames, FunctionsArePinned) {
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kNone), "-");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kStartup), "PeerDistStartup");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kShutdown), "PeerDistShutdown");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kGetStatus), "PeerDistGetStatus");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kGetStatusEx), "PeerDistGetStatusEx");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kRegister),
               "PeerDistRegisterForStatusChangeNotification");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kRegisterEx),
               "PeerDistRegisterForStatusChangeNotificationEx");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kUnregister),
               "PeerDistUnregisterForStatusChangeNotification");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kGetOverlappedResult), "PeerDistGetOverlappedResult");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kServerOpenContentInformationEx),
               "PeerDistServerOpenContentInformationEx");
  EXPECT_STREQ(ApiFunctionName(ApiFunction::kClientCancelAsyncOperation), "PeerDistClientCancelAsyncOperation");
}

TEST(Trace, RenderIsOneLinePerEvent) {
  Trace trace;
  EXPECT_EQ(trace.Render(), "");
  TraceEvent a;
  a.kind = TraceKind::kStatusChange;
  a.time = 5;
  a.old_status = 0;
  a.status = 2;
  TraceEvent b;
  b.kind = TraceKind::kFinding;
  b.time = 6;
  b.step = 1;
  b.detail = "bad handle";
  trace.Add(a);
  trace.Add(b);
  ASSERT_EQ(trace.events().size(), 2u);
  EXPECT_EQ(trace.Render(),
            "t=5 step=-1 status from=disabled status=available\n"
            "t=6 step=1 finding | bad handle\n");
}

TEST(Trace, IsCutOffAtTheBound) {
  Trace trace;
  EXPECT_EQ(Trace::kMaxEvents, 65536u);
  for (std::size_t i = 0; i < Trace::kMaxEvents; ++i) {
    TraceEvent event;
    event.time = i;
    trace.Add(event);
  }
  EXPECT_FALSE(trace.truncated());
  TraceEvent extra;
  extra.time = 999999999;
  trace.Add(extra);
  EXPECT_TRUE(trace.truncated());
  EXPECT_EQ(trace.events().size(), Trace::kMaxEvents);
  EXPECT_EQ(trace.events().back().time, Trace::kMaxEvents - 1);
  const std::string text = trace.Render();
  const std::string tail = "t=65535 step=-1 step\ntrace truncated\n";
  ASSERT_GE(text.size(), tail.size());
  EXPECT_EQ(text.substr(text.size() - tail.size()), tail);
}


TEST(Trace, HandleFieldsRenderOnlyWhenSet) {
  TraceEvent event;
  event.kind = TraceKind::kCall;
  event.function = ApiFunction::kClientBlockRead;
  event.object_kind = HandleKind::kContent;
  event.object = 3;
  event.object_state = HandleState::kOpen;
  EXPECT_EQ(event.Render(), "t=0 step=-1 call PeerDistClientBlockRead content=3(open)");
  event.object = kBogusObject;
  event.object_state = HandleState::kNeverIssued;
  EXPECT_EQ(event.Render(), "t=0 step=-1 call PeerDistClientBlockRead content=bogus");
  event.object_kind = HandleKind::kNone;
  EXPECT_EQ(event.Render(), "t=0 step=-1 call PeerDistClientBlockRead");
  EXPECT_STREQ(HandleKindName(HandleKind::kContentInfo), "contentinfo");
}

}  // namespace
}  // namespace pd
