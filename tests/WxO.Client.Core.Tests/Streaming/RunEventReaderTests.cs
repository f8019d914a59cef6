using System.Net.Http.Headers;
using System.Text;
using WxO.Client.Streaming;
using Xunit;

namespace WxO.Client.Core.Tests.Streaming;

/// <summary>
/// How a stream body becomes events: Server-Sent Events by the BCL parser, anything else line by line (JSON lines, and
/// SSE-like lines from servers that leave out the blank line). Each event is shown as "type|data as JSON|id".
/// </summary>
public sealed class RunEventReaderTests
{
    private static async Task<List<string>> LinesAsync(string body, Stream? stream = null)
    {
        stream ??= new MemoryStream(Encoding.UTF8.GetBytes(body));
        var events = new List<string>();
        await foreach (var e in RunEventReader.ReadLinesAsync(stream, CancellationToken.None))
        {
            events.Add($"{e.Event}|{e.Data.GetRawText()}|{e.Id ?? "-"}");
        }

        return events;
    }

    [Fact]
    public async Task Json_lines_are_one_event_each()
        => Assert.Equal(
            ["message|{\"a\":1}|-", "message|[2]|-", "message|\"x\"|-", "message|null|-"],
            await LinesAsync("{\"a\":1}\n[2]\r\n\"x\"\nnull"));

    [Fact]
    public async Task Sse_like_lines_without_blank_lines_are_events_as_soon_as_their_data_parses()
        => Assert.Equal(
            ["values|{\"a\":1}|7", "end|null|7", "message|2|8"],
            await LinesAsync("event: values\nid: 7\ndata: {\"a\":1}\nevent: end\ndata: null\nid:8\ndata:2\n"));

    [Fact]
    public async Task A_json_value_over_several_data_lines_is_one_event()
        => Assert.Equal(["message|{\"a\":\n1}|-"], await LinesAsync("data: {\"a\":\ndata: 1}\n"));

    [Fact]
    public async Task An_empty_data_line_is_the_start_of_a_value_not_an_event_of_its_own()
        => Assert.Equal(["message|{\"a\":1}|-"], await LinesAsync("data:\ndata: {\"a\":1}\n\n"));

    [Fact]
    public async Task A_json_value_followed_by_more_text_on_its_line_is_not_json()
        => Assert.Equal(["message|\"1 2\\n3\"|-"], await LinesAsync("1 2\n3\n\n"));

    [Fact]
    public async Task Text_that_is_not_json_ends_at_a_blank_line_or_the_end_of_the_body()
        => Assert.Equal(
            ["note|\"hello\\nworld\"|-", "message|\"partial\"|-"],
            await LinesAsync("event: note\ndata: hello\ndata: world\n\n\ndata: partial"));

    [Fact]
    public async Task Comments_are_skipped_and_an_empty_id_clears_the_id()
        => Assert.Equal(
            ["message|1|5", "message|2|-"],
            await LinesAsync(": keep-alive\nid: 5\n1\nid:\n: another comment\n2\n"));

    [Theory]
    // Only "name:" is a field, and only one space after the colon is dropped.
    [InlineData("data:  1\n", "message|1|-")]
    [InlineData("datax: 1\n", "message|\"datax: 1\"|-")]
    [InlineData("event\n\n", "message|\"event\"|-")]
    [InlineData("id\n\n", "message|\"id\"|-")]
    public async Task Field_names_need_their_colon(string body, string expected)
        => Assert.Equal([expected], await LinesAsync(body));

    [Fact]
    public async Task A_byte_order_mark_is_not_part_of_the_first_event_and_the_body_is_left_open()
    {
        var body = new MemoryStream([0xEF, 0xBB, 0xBF, .. "{\"a\":1}\n"u8.ToArray()]);

        Assert.Equal(["message|{\"a\":1}|-"], await LinesAsync("", body));
        Assert.True(body.CanRead);
    }

    [Fact]
    public async Task Server_sent_events_carry_their_type_data_and_last_event_id()
    {
        var body = new MemoryStream("event: values\nid: 3\ndata: {\"a\":1}\n\ndata: text\n\nid:\ndata: 2\n\n"u8.ToArray());
        var events = new List<string>();
        await foreach (var e in RunEventReader.ReadServerSentEventsAsync(body, CancellationToken.None))
        {
            events.Add($"{e.Event}|{e.Data.GetRawText()}|{e.Id ?? "-"}");
        }

        Assert.Equal(["values|{\"a\":1}|3", "message|\"text\"|3", "message|2|-"], events);
    }

    [Fact]
    public async Task A_body_that_ends_cleanly_in_the_middle_of_a_server_sent_event_does_not_dispatch_it()
    {
        // What a proxy that closes the connection mid-event leaves: the SSE rule is that the incomplete event is dropped.
        var body = new MemoryStream("id: 1\ndata: {\"a\":1}\n\nid: 2\ndata: {\"b\":"u8.ToArray());
        var events = new List<string>();
        await foreach (var e in RunEventReader.ReadServerSentEventsAsync(body, CancellationToken.None))
        {
            events.Add($"{e.Event}|{e.Data.GetRawText()}|{e.Id ?? "-"}");
        }

        Assert.Equal(["message|{\"a\":1}|1"], events);
    }

    [Theory]
    [InlineData("{\"id\":\"2\",\"event\":\"message.delta\",\"da")]
    [InlineData("data: [1,")]
    public async Task A_body_that_ends_cleanly_in_the_middle_of_a_json_line_is_a_cut_not_an_event(string cut)
    {
        var ex = await Assert.ThrowsAsync<IOException>(() => LinesAsync("{\"id\":\"1\"}\n" + cut));
        Assert.Equal("The body ended in the middle of an event.", ex.Message);
    }

    [Theory]
    [InlineData("{\"a\":1} trailing", "\"{\\u0022a\\u0022:1} trailing\"")]
    [InlineData("", "\"\"")]
    [InlineData("[1,2]", "[1,2]")]
    public void Data_that_is_not_one_json_value_is_kept_as_text(string data, string expected)
        => Assert.Equal(expected, RunEventReader.ParseData(Encoding.UTF8.GetBytes(data)).GetRawText());

    [Theory]
    [InlineData("text/event-stream", true)]
    [InlineData("Text/Event-Stream; charset=utf-8", true)]
    [InlineData("application/x-ndjson", false)]
    [InlineData(null, false)]
    public void Only_text_event_stream_is_read_as_server_sent_events(string? mediaType, bool expected)
    {
        using var response = new HttpResponseMessage { Content = new ByteArrayContent([]) };
        if (mediaType is not null)
        {
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        Assert.Equal(expected, RunEventReader.IsServerSentEvents(response));
    }
}
