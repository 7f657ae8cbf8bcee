using Switchboard.Edge.Calls;
using Switchboard.Grains.Calls;

namespace Switchboard.Edge.Tests.Calls;

public sealed class DialogTagTests
{
    [Fact]
    public void CallIdOf_ATagMadeForACall_GivesThatCall()
    {
        var callId = CallKeys.NewCallId();

        Assert.Equal(callId, DialogTag.CallIdOf(DialogTag.For(callId)));
    }

    [Fact]
    public void For_TwoLegsOfOneCall_DifferentTagsForTheSameCall()
    {
        var callId = CallKeys.NewCallId();

        var caller = DialogTag.For(callId);
        var callee = DialogTag.For(callId);

        Assert.NotEqual(caller, callee);
        Assert.Equal(DialogTag.CallIdOf(caller), DialogTag.CallIdOf(callee));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("314159")] // RFC 4475 style: a tag some other UA made
    [InlineData("0123456789abcdef")] // one of SipIdGenerator.NewTag's
    [InlineData("0123456789ABCDEF0123456789abcdef-0123456789abcdef")] // upper-case: never ours
    [InlineData("0123456789abcdef0123456789abcdef_0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef-0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdeg-0123456789abcdef")]
    public void CallIdOf_ATagNotOurs_Null(string? tag) => Assert.Null(DialogTag.CallIdOf(tag));

    [Theory]
    [InlineData("call-1")]
    [InlineData("leg:abc")]
    [InlineData("call-0123456789ABCDEF0123456789abcdef")]
    public void For_NotACallId_Throws(string callId) => Assert.Throws<ArgumentException>(() => DialogTag.For(callId));
}
