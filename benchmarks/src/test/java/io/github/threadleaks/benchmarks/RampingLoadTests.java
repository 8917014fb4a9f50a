package io.github.threadleaks.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The waves of the ramping load, and how its trial reads the suspects of a report.
 */
class RampingLoadTests {

	@Test
	void aWaveRampsUpStepByStepHoldsRampsDownThenGoesQuiet() {
		RampingLoad.Plan plan = RampingLoad.Plan.parse("2,10,4,2,3,2");
		List<Integer> clients = new ArrayList<>();
		for (int second = 1; second <= plan.seconds(); second++) {
			clients.add(plan.clientsAt(second));
		}

		assertThat(plan.waveSeconds()).isEqualTo(17);
		List<Integer> wave = List.of(4, 4, 8, 8, 10, 10, 10, 10, 10, 6, 6, 2, 2, 0, 0, 0, 0);
		assertThat(clients.subList(0, 17)).isEqualTo(wave);
		assertThat(clients.subList(17, 34)).isEqualTo(wave);
	}

	@Test
	void aWaveCanStopAllItsClientsAtOnce() {
		RampingLoad.Plan plan = RampingLoad.Plan.parse("1,10,4,2,3,2,10");

		assertThat(plan.seconds()).isEqualTo(13);
		assertThat(plan.clientsAt(9)).isEqualTo(10);
		assertThat(plan.clientsAt(10)).isZero();
		assertThat(plan.clientsAt(11)).isZero();
	}

	@Test
	void aPlanNamesItsNumbersAndRefusesAnEmptyOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> RampingLoad.Plan.parse("3,40,5"))
			.withMessageContaining(
					"waves,maxClients,clientsPerStep,stepSeconds,holdSeconds,quietSeconds[,clientsPerStepDown]");
		assertThatIllegalArgumentException().isThrownBy(() -> RampingLoad.Plan.parse("0,40,5,3,10,12"))
			.withMessageContaining("at least one wave");
	}

	@Test
	void theTrialReadsEachSuspectsNameCountAndExplanationNotThoseOfNestedObjects() {
		String report = """
				{"status":"LEAK_SUSPECTED","threads":47,"suspects":[
				{"id":"c318","name":"pool-#-thread-#","state":"WAITING","count":20,"frames":["a.b(C.java:1)"],
				"lock":{"name":"java.lang.Object@1","ownerId":-1},"explanation":"20 threads WAITING, \\"grew\\""},
				{"id":"d4","name":"x-#","state":"BLOCKED","count":7,"explanation":"7 threads"}],
				"groups":[{"id":"e5","name":"not-a-suspect","count":3}]}""";

		assertThat(RampingLoadTrial.suspects(report))
			.containsExactly("pool-#-thread-# (20): 20 threads WAITING, \\\"grew\\\"", "x-# (7): 7 threads");
		assertThat(RampingLoadTrial.suspects("{\"status\":\"OK\",\"suspects\":[]}")).isEmpty();
	}

}
